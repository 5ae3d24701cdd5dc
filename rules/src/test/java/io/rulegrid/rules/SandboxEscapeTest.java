package io.rulegrid.rules;

import io.rulegrid.api.RuleCompilationException;
import io.rulegrid.api.CompileError;
import io.rulegrid.api.EvaluationResult;
import io.rulegrid.api.Facts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * A corpus of attempts to reach outside the fact from a rule. Every one must be refused at compile time
 * with an error that points at the offending text and says why; none may run.
 */
class SandboxEscapeTest {

    static Stream<Arguments> escapesInActions() {
        return Stream.of(
                arguments("object creation", "x = new java.io.File(\"/etc/passwd\")", "object creation ('new') is not allowed"),
                arguments("object creation of a JDK type", "x = new ArrayList()", "object creation ('new') is not allowed"),
                arguments("array creation", "x = new int[10]", "object creation ('new') is not allowed"),
                arguments("Runtime.exec", "Runtime.getRuntime().exec(\"rm -rf /\")", "class 'Runtime' is not allowed"),
                arguments("qualified Runtime", "java.lang.Runtime.getRuntime().exec(\"id\")", "looks like a Java class reference"),
                arguments("System.exit", "System.exit(1)", "class 'System' is not allowed"),
                arguments("System properties", "x = System.getProperty(\"user.home\")", "class 'System' is not allowed"),
                arguments("System.getenv", "x = System.getenv()", "class 'System' is not allowed"),
                arguments("Class.forName", "c = Class.forName(\"java.lang.Runtime\")", "class 'Class' is not allowed"),
                arguments("getClass on a value", "c = sku.getClass()", "method 'getClass()' is not allowed"),
                arguments("getClass reflection chain", "sku.getClass().forName(\"java.lang.Runtime\")", "method 'getClass()' is not allowed"),
                arguments("class literal", "c = sku.class", "class references are not allowed"),
                arguments("class loader", "l = ClassLoader.getSystemClassLoader()", "class 'ClassLoader' is not allowed"),
                arguments("thread creation", "Thread.currentThread().stop()", "class 'Thread' is not allowed"),
                arguments("thread sleep", "Thread.sleep(100000)", "class 'Thread' is not allowed"),
                arguments("reflection via Array", "a = Array.newInstance(sku, 3)", "class 'Array' is not allowed"),
                arguments("import", "import java.io.File; f = 1", "imports are not allowed"),
                arguments("static import", "import_static java.lang.System.exit; f = 1", "imports are not allowed"),
                arguments("function definition", "def hack() { 1 }; x = hack()", "function definitions are not allowed"),
                arguments("function keyword", "function hack() { 1 }", "function definitions are not allowed"),
                arguments("while loop", "while (true) { x = 1 }", "'while' loops are not allowed"),
                arguments("do loop", "do { x = 1 } while (true)", "'do' loops are not allowed"),
                arguments("until loop", "until (false) { x = 1 }", "'until' loops are not allowed"),
                arguments("C-style for loop", "for (i = 0; i < 10; i++) { x = i }", "C-style for loops are not allowed"),
                arguments("assignment to input", "input = [\"a\": 1]", "input is read-only"),
                arguments("assignment to an input field", "input.limit = 100", "input is read-only"),
                arguments("compound assignment to input", "input.limit += 100", "input is read-only"),
                arguments("mutating input through a method", "input.put(\"limit\", 100)", "input is read-only"),
                arguments("mutating an input list", "input.items.add(1)", "input is read-only"),
                arguments("assignment to agg", "agg = [\"orders\": 0]", "agg is read-only"),
                arguments("assignment to an aggregate", "agg.orders = 0", "agg is read-only"),
                arguments("increment of an aggregate", "agg.orders++", "agg is read-only"),
                arguments("mutating agg through a method", "agg.put(\"orders\", 0)", "agg is read-only"),
                arguments("writing agg through a loop over it", "foreach (k : agg) { agg[k] = 0 }", "agg is read-only"),
                arguments("assignment to now", "now = 0", "now is read-only"),
                arguments("replacing the fact", "fact = [\"a\": 1]", "the fact cannot be replaced"),
                arguments("this reference", "x = this", "'this' is not allowed"),
                arguments("unknown function", "exec(\"id\")", "unknown function 'exec()'"),
                arguments("static access to a value class", "x = String.format(\"%s\", sku)", "static access to 'String' is not allowed"),
                arguments("Integer static access", "x = Integer.getInteger(\"a\")", "static access to 'Integer' is not allowed"),
                arguments("StringBuilder", "x = StringBuilder.class", "class 'StringBuilder' is not allowed"),
                arguments("Object class", "x = Object.class", "class 'Object' is not allowed"),
                arguments("Math method not allowlisted", "x = Math.random()", "Math.random() is not allowed"),
                arguments("wait/notify", "sku.wait()", "method 'wait()' is not allowed"),
                arguments("hashCode-based probing via unlisted method", "x = sku.intern()", "method 'intern()' is not allowed"),
                arguments("with block", "with (input) { limit = 1 }", "'with' blocks are not allowed"),
                arguments("MVEL interceptor", "@Hack x = 1", "'@' is not allowed"),
                arguments("javax package", "javax.script.ScriptEngineManager.getEngineByName(\"js\")", "looks like a Java class reference"),
                arguments("sun package", "sun.misc.Unsafe.getUnsafe()", "looks like a Java class reference"),
                arguments("proto definition", "proto Hack { int x; }", "prototype definitions are not allowed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapesInActions")
    void escapeAttemptInAnActionIsRefusedAtCompileTime(String attempt, String action, String expectedMessage) {
        String file = "ruleset \"sandbox\"\nrule \"escape\" {\n  when true\n  then " + action + "\n}\n";

        assertThatThrownBy(() -> RuleCompiler.compile("escape.grl", file))
                .isInstanceOfSatisfying(RuleCompilationException.class, e -> {
                    assertThat(e.errors()).isNotEmpty();
                    CompileError first = e.errors().get(0);
                    assertThat(first.file()).isEqualTo("escape.grl");
                    assertThat(first.rule()).isEqualTo("escape");
                    assertThat(first.line()).isEqualTo(4);
                    assertThat(first.column()).isBetween(8, 8 + action.length());
                    assertThat(e.errors()).anySatisfy(err -> assertThat(err.message()).contains(expectedMessage));
                });
    }

    static Stream<Arguments> escapesInConditions() {
        return Stream.of(
                arguments("assignment in a condition", "(status = \"HACKED\") == \"HACKED\"", "a condition must not change anything ('=')"),
                arguments("increment in a condition", "count++ > 0", "a condition must not change anything ('++')"),
                arguments("statements in a condition", "x == 1; y == 2", "a condition is a single expression"),
                arguments("emit in a condition", "emit(\"x\", 1) == null", "emit() can only be used in an action"),
                arguments("mutating call in a condition", "items.add(1)", "a condition must not change anything ('add()')"),
                arguments("System in a condition", "System.currentTimeMillis() > 0", "class 'System' is not allowed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapesInConditions")
    void escapeAttemptInAConditionIsRefusedAtCompileTime(String attempt, String condition, String expectedMessage) {
        String file = "ruleset \"sandbox\"\nrule \"escape\" {\n  when " + condition + "\n  then x = 1\n}\n";

        assertThatThrownBy(() -> RuleCompiler.compile("escape.grl", file))
                .isInstanceOfSatisfying(RuleCompilationException.class, e -> assertThat(e.errors())
                        .anySatisfy(err -> {
                            assertThat(err.line()).isEqualTo(3);
                            assertThat(err.message()).contains(expectedMessage);
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapesInActions")
    void escapeTextInsideAStringOrCommentIsHarmlessData(String attempt, String action, String ignored) {
        String quoted = action.replace("\\", "\\\\").replace("\"", "\\\"");
        String file = "ruleset \"sandbox\"\nrule \"data\" {\n  when true\n  then note = \"" + quoted + "\" // " + action + "\n}\n";

        EvaluationResult result = RuleCompiler.compile("data.grl", file).evaluate(Facts.parse("{}"), java.util.Map.of());

        assertThat(result.fact()).containsEntry("note", action);
    }
}
