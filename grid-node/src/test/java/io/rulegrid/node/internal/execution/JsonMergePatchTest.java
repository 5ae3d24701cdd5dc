package io.rulegrid.node.internal.execution;

import io.rulegrid.api.Facts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A feed's patch event merges as RFC 7386 says; its examples (section 3) are the cases. */
class JsonMergePatchTest {

    private static String merged(String target, String patch) {
        return Facts.toJson(JsonMergePatch.apply(Facts.parse(target), Facts.parse(patch)));
    }

    @Test
    void membersReplaceAddAndNullRemoves() {
        assertThat(merged("{\"a\":\"b\"}", "{\"a\":\"c\"}")).isEqualTo("{\"a\":\"c\"}");
        assertThat(merged("{\"a\":\"b\"}", "{\"b\":\"c\"}")).isEqualTo("{\"a\":\"b\",\"b\":\"c\"}");
        assertThat(merged("{\"a\":\"b\"}", "{\"a\":null}")).isEqualTo("{}");
        assertThat(merged("{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}")).isEqualTo("{\"b\":\"c\"}");
        assertThat(merged("{\"a\":[\"b\"]}", "{\"a\":\"c\"}")).isEqualTo("{\"a\":\"c\"}");
        assertThat(merged("{\"a\":\"c\"}", "{\"a\":[\"b\"]}")).isEqualTo("{\"a\":[\"b\"]}");
        assertThat(merged("{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}")).isEqualTo("{\"a\":[1]}");
    }

    @Test
    void objectsMergeMemberByMember() {
        assertThat(merged("{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}"))
                .isEqualTo("{\"a\":{\"b\":\"d\"}}");
        assertThat(merged("{\"e\":null}", "{\"a\":1}")).isEqualTo("{\"e\":null,\"a\":1}");
        assertThat(merged("{\"a\":\"foo\"}", "{\"a\":{\"bb\":{\"ccc\":null}}}")).isEqualTo("{\"a\":{\"bb\":{}}}");
    }
}
