/**
 * jwsp's reliability suite (issue 9) lives in this module's tests: races, bad input, soak and isolation across every
 * base provider. The main part holds only what those tests measure about the process itself.
 */
module io.jwsp.reliability {
    exports io.jwsp.reliability;
}
