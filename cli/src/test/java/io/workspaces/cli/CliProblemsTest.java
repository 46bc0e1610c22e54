package io.workspaces.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How error answers become exit codes and the one error line. */
class CliProblemsTest {

    @Test
    void statusesMapToExitCodes() {
        assertThat(ExitCodes.forStatus(400)).isEqualTo(2);
        assertThat(ExitCodes.forStatus(413)).isEqualTo(2);
        assertThat(ExitCodes.forStatus(422)).isEqualTo(2);
        assertThat(ExitCodes.forStatus(404)).isEqualTo(3);
        assertThat(ExitCodes.forStatus(409)).isEqualTo(4);
        assertThat(ExitCodes.forStatus(412)).isEqualTo(4);
        assertThat(ExitCodes.forStatus(403)).isEqualTo(5);
        assertThat(ExitCodes.forStatus(401)).isEqualTo(6);
        assertThat(ExitCodes.forStatus(503)).isEqualTo(7);
        assertThat(ExitCodes.forStatus(500)).isEqualTo(1);
        assertThat(ExitCodes.forStatus(405)).isEqualTo(1);
    }

    @Test
    void problemJsonBecomesOneLine() {
        CliException e = Problems.toException(409, """
                {"type":"urn:problem-type:workspaces:name-taken","title":"Name taken","status":409,
                 "detail":"a live workspace is named ml-team","request_id":"r-1"}""");
        assertThat(e.exitCode()).isEqualTo(4);
        assertThat(e.getMessage()).isEqualTo("Name taken: a live workspace is named ml-team (409)");
        assertThat(e.details()).isEmpty();
    }

    @Test
    void fieldErrorsAreListedUnlessTheDetailSaysThemAlready() {
        CliException said = Problems.toException(422, """
                {"title":"Invalid request","status":422,"detail":"page_size must be an integer from 1 to 1000",
                 "errors":[{"field":"page_size","message":"must be an integer from 1 to 1000"}]}""");
        assertThat(said.getMessage()).isEqualTo("Invalid request: page_size must be an integer from 1 to 1000 (422)");
        assertThat(said.details()).isEmpty();

        CliException unsaid = Problems.toException(422, """
                {"title":"Invalid request","status":422,"detail":"2 fields are invalid",
                 "errors":[{"field":"name","message":"must start with a letter"},{"field":"description","message":"too long"}]}""");
        assertThat(unsaid.exitCode()).isEqualTo(2);
        assertThat(unsaid.details()).containsExactly("name: must start with a letter", "description: too long");
    }

    @Test
    void serverErrorsQuoteTheRequestId() {
        CliException e = Problems.toException(500, """
                {"title":"Internal error","status":500,"detail":"the request failed unexpectedly","request_id":"abc-1"}""");
        assertThat(e.getMessage()).isEqualTo("Internal error: the request failed unexpectedly (500, request id abc-1)");
    }

    @Test
    void answersThatAreNotProblemJsonStillReadWell() {
        assertThat(Problems.toException(502, "<html><body>Bad Gateway</body></html>").getMessage())
                .isEqualTo("Bad gateway: <html><body>Bad Gateway</body></html> (502)");
        assertThat(Problems.toException(503, "").getMessage()).isEqualTo("Service unavailable (503)");
        assertThat(Problems.toException(503, "").exitCode()).isEqualTo(7);
        assertThat(Problems.toException(418, null).getMessage()).isEqualTo("HTTP 418 (418)");
    }

    @Test
    void nothingFromTheServiceControlsTheTerminal() {
        CliException e = Problems.toException(404, """
                {"title":"Not found","detail":"no \\u001b[31mred\\u001b[0m\\nline \\u202eevil"}""");
        assertThat(e.getMessage()).isEqualTo("Not found: no ?[31mred?[0m line ?evil (404)");
    }
}
