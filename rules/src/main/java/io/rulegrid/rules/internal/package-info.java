/**
 * Implementation of the rule engine; not API. {@code text}: the tokenizer shared by the RGL parser and
 * the sandbox; {@code rgl}: the RGL parser; {@code easyrules}: the Easy Rules file reader; {@code mvel}:
 * everything that knows MVEL (compiler, sandbox, variable resolution); {@code engine}: the compiled
 * ruleset, the rule index and the agenda, independent of the expression language.
 */
package io.rulegrid.rules.internal;
