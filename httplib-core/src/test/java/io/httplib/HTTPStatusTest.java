package io.httplib;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The status code constants and their reason phrases. */
class HTTPStatusTest {

    @Test
    void notFoundHasItsReasonPhrase() {
        assertThat(HTTPStatus.RESPONSES.get(404)).isEqualTo("Not Found");
        assertThat(HTTPStatus.reason(404)).isEqualTo("Not Found");
    }

    @Test
    void teapotHasAReasonPhrase() {
        assertThat(HTTPStatus.reason(418)).isNotBlank().containsIgnoringCase("teapot");
        assertThat(HTTPStatus.RESPONSES.get(418)).isEqualTo(HTTPStatus.reason(418));
    }

    @ParameterizedTest
    @CsvSource({
            "CONTINUE, 100",
            "OK, 200",
            "NOT_FOUND, 404",
            "PERMANENT_REDIRECT, 308",
            "IM_A_TEAPOT, 418",
            "MISDIRECTED_REQUEST, 421",
            "TOO_EARLY, 425",
            "PRECONDITION_REQUIRED, 428",
            "TOO_MANY_REQUESTS, 429",
            "REQUEST_HEADER_FIELDS_TOO_LARGE, 431",
            "UNAVAILABLE_FOR_LEGAL_REASONS, 451",
            "NOT_EXTENDED, 510",
            "NETWORK_AUTHENTICATION_REQUIRED, 511",
    })
    void namedConstantHasItsCode(String name, int code) throws Exception {
        Field field = HTTPStatus.class.getField(name);
        assertThat(Modifier.isStatic(field.getModifiers())).isTrue();
        assertThat(Modifier.isFinal(field.getModifiers())).isTrue();
        assertThat(field.getInt(null)).isEqualTo(code);
    }

    @Test
    void everyConstantIsInResponsesWithTheSameReasonAsReason() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Field field : HTTPStatus.class.getFields()) {
            int modifiers = field.getModifiers();
            if (field.getType() != int.class || !Modifier.isStatic(modifiers) || !Modifier.isFinal(modifiers)) {
                continue;
            }
            int code = field.getInt(null);
            assertThat(HTTPStatus.RESPONSES).as("RESPONSES entry for %s", field.getName()).containsKey(code);
            assertThat(HTTPStatus.RESPONSES.get(code)).as("reason of %s", field.getName()).isNotBlank();
            assertThat(HTTPStatus.reason(code)).isEqualTo(HTTPStatus.RESPONSES.get(code));
            checked.add(field.getName());
        }
        assertThat(checked).hasSizeGreaterThan(50);
    }

    @Test
    void wellKnownReasonPhrasesMatchTheRfcs() {
        assertThat(HTTPStatus.reason(200)).isEqualTo("OK");
        assertThat(HTTPStatus.reason(100)).isEqualTo("Continue");
        assertThat(HTTPStatus.reason(301)).isEqualTo("Moved Permanently");
        assertThat(HTTPStatus.reason(302)).isEqualTo("Found");
        assertThat(HTTPStatus.reason(308)).isEqualTo("Permanent Redirect");
        assertThat(HTTPStatus.reason(429)).isEqualTo("Too Many Requests");
        assertThat(HTTPStatus.reason(500)).isEqualTo("Internal Server Error");
        assertThat(HTTPStatus.reason(511)).isEqualTo("Network Authentication Required");
    }

    @Test
    void responsesHasOnlyValidStatusCodes() {
        assertThat(HTTPStatus.RESPONSES.keySet()).allMatch(code -> code >= 100 && code <= 599);
    }
}
