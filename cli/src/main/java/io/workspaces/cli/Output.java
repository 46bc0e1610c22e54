package io.workspaces.cli;

/** How results are printed on stdout: tables and sentences for people, one JSON document for scripts. */
enum Output {
    table, json
}
