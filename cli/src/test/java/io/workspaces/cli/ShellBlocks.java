package io.workspaces.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell blocks of markdown documents, turned into one bash script that runs them in order and checks what
 * their comments promise (the conventions are in docs/testing.md):
 * <ul>
 *   <li>a block fenced {@code ```bash}, {@code ```sh} or {@code ```shell} runs, unless the line before its fence
 *       is {@code <!-- not-run: why -->};</li>
 *   <li>a command whose trailing comment starts with an HTTP status ({@code # 201}, {@code # 404: ...}) must
 *       have made its last {@code curl} answer that status;</li>
 *   <li>a command whose trailing comment is {@code # exit N} must exit with N; any other command must succeed.</li>
 * </ul>
 */
final class ShellBlocks {

    private static final Pattern SHELL_FENCE = Pattern.compile("^```(bash|sh|shell)\\b.*$");
    private static final Pattern ANY_FENCE = Pattern.compile("^```.*$");
    private static final Pattern NOT_RUN = Pattern.compile("^<!--\\s*not-run:\\s*\\S.*-->\\s*$");
    private static final Pattern STATUS = Pattern.compile("^(\\d{3})\\b.*");
    private static final Pattern EXIT = Pattern.compile("^exit (\\d+)\\b.*");

    /** One runnable block: where it is and its lines. */
    record Block(String document, int firstLine, List<String> lines) {
    }

    private ShellBlocks() {
    }

    /** The runnable shell blocks of a markdown document, in order ({@code name} is how failures name it). */
    static List<Block> of(String name, String markdown) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        String previous = "";
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (SHELL_FENCE.matcher(line).matches()) {
                boolean run = !NOT_RUN.matcher(previous.strip()).matches();
                List<String> body = new ArrayList<>();
                int first = i + 2;
                for (i++; i < lines.length && !lines[i].startsWith("```"); i++) {
                    body.add(lines[i]);
                }
                if (i == lines.length) {
                    throw new IllegalArgumentException(name + ":" + (first - 1) + ": a shell block that never closes");
                }
                if (run) {
                    blocks.add(new Block(name, first, body));
                }
            } else if (ANY_FENCE.matcher(line).matches()) {
                for (i++; i < lines.length && !lines[i].startsWith("```"); i++) {
                    // other code (json, java...) is not run
                }
            }
            if (!line.isBlank()) {
                previous = line;
            }
        }
        return blocks;
    }

    /**
     * One bash script running {@code blocks} in order, with {@code replacements} applied to their text. It
     * exits 0 when every command kept its promise, and otherwise prints where it failed and exits non-zero.
     * {@code support} receives a second file the script sources (the map from script lines to documents).
     */
    static String script(List<Block> blocks, Map<String, String> replacements, Path support) {
        List<String> script = new ArrayList<>(List.of(
                "set -o pipefail",
                "declare -A __where __expect_exit __exit_seen",
                "source '" + support + "'",
                "__status_file=$(mktemp)",
                // curl as written, and its status recorded on the side (its stdout and stderr stay as they are)
                "curl() {",
                "  local err rc=0; err=$(mktemp)",
                "  command curl \"$@\" -w '%{stderr}\\n@@doc-status@@%{http_code}\\n' 2>\"$err\" || rc=$?",
                "  grep -v '^@@doc-status@@' \"$err\" | sed '$d' >&2",
                "  sed -n 's/^@@doc-status@@//p' \"$err\" > \"$__status_file\"",
                "  rm -f \"$err\"; return $rc",
                "}",
                "__fail() { echo \"DOCUMENTATION FAILED at ${__where[$1]:-line $1}: $2\" >&2; exit 1; }",
                "__on_error() {",
                "  if [[ -n \"${__expect_exit[$2]:-}\" && \"${__expect_exit[$2]}\" == \"$1\" ]]; then __exit_seen[$2]=1; return 0; fi",
                "  __fail \"$2\" \"exit code $1, expected ${__expect_exit[$2]:-0}\"",
                "}",
                "__check_exit() {",
                "  [[ \"${__expect_exit[$1]}\" == 0 || -n \"${__exit_seen[$1]:-}\" ]] || __fail \"$1\" \"exit code 0, expected ${__expect_exit[$1]}\"",
                "}",
                "__check_status() {",
                "  local got; got=$(cat \"$__status_file\")",
                "  [[ \"$got\" == \"$2\" ]] || __fail \"$1\" \"HTTP status ${got:-(no curl ran)}, expected $2\"",
                "}",
                "trap '__on_error $? $LINENO' ERR"));
        List<String> where = new ArrayList<>();
        for (Block block : blocks) {
            script.add("printf '\\n=== %s (at %ss)\\n' '" + block.document() + ":" + block.firstLine() + "' \"$SECONDS\" >&2");
            List<String> command = new ArrayList<>();
            List<Integer> commandLines = new ArrayList<>();
            Quotes quotes = new Quotes();
            for (int i = 0; i < block.lines().size(); i++) {
                String line = block.lines().get(i);
                for (Map.Entry<String, String> replacement : replacements.entrySet()) {
                    line = line.replace(replacement.getKey(), replacement.getValue());
                }
                int docLine = block.firstLine() + i;
                String comment = quotes.scan(line);
                command.add(line);
                commandLines.add(docLine);
                if (!quotes.complete()) {
                    continue;
                }
                String location = block.document() + ":" + docLine;
                String trailing = comment != null && !line.strip().startsWith("#") ? comment : null;
                Matcher status = trailing == null ? null : STATUS.matcher(trailing);
                Matcher exit = trailing == null ? null : EXIT.matcher(trailing);
                boolean checksStatus = status != null && status.matches();
                boolean checksExit = exit != null && exit.matches();
                if (checksStatus) {
                    script.add(": > \"$__status_file\"");
                }
                List<Integer> scriptLines = new ArrayList<>();
                for (int j = 0; j < command.size(); j++) {
                    scriptLines.add(script.size() + 1);
                    where.add("__where[" + (script.size() + 1) + "]='" + block.document() + ":" + commandLines.get(j) + "'");
                    script.add(command.get(j));
                }
                int last = scriptLines.get(scriptLines.size() - 1);
                if (checksExit) {
                    for (int scriptLine : scriptLines) {
                        where.add("__expect_exit[" + scriptLine + "]=" + exit.group(1));
                    }
                    script.add("__check_exit " + last);
                }
                if (checksStatus) {
                    script.add("__check_status " + last + " " + status.group(1));
                }
                command.clear();
                commandLines.clear();
            }
            if (!command.isEmpty()) {
                throw new IllegalArgumentException(block.document() + ":" + commandLines.get(0)
                        + ": a command that never ends (an open quote or a trailing backslash)");
            }
        }
        script.add("printf '\\n=== every block ran as documented (in %ss)\\n' \"$SECONDS\" >&2");
        try {
            Files.write(support, where, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return String.join("\n", script) + "\n";
    }

    /** Documents in the order a reader meets them: {@code first} (those that exist), then the rest of docs/ by name. */
    static Map<String, String> documents(Path root, List<String> first) {
        Map<String, String> documents = new LinkedHashMap<>();
        try {
            for (String name : first) {
                Path file = root.resolve(name);
                if (Files.isRegularFile(file)) {
                    documents.put(name, Files.readString(file));
                }
            }
            try (var files = Files.list(root.resolve("docs"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                    documents.putIfAbsent("docs/" + file.getFileName(), Files.readString(file));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return documents;
    }

    /**
     * Enough of bash's quoting to tell where a command ends and where its comment starts: single and double
     * quotes (which may span lines), backslash escapes, and a {@code #} that starts a word.
     */
    private static final class Quotes {
        private char open; // 0, '\'' or '"'
        private boolean continued;

        /** Follows one line; returns the text of its comment (after "#", stripped), or null. */
        String scan(String line) {
            continued = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (open == '\'') {
                    if (c == '\'') {
                        open = 0;
                    }
                } else if (open == '"') {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        open = 0;
                    }
                } else if (c == '\\') {
                    if (i == line.length() - 1) {
                        continued = true;
                    }
                    i++;
                } else if (c == '\'' || c == '"') {
                    open = c;
                } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                    return line.substring(i + 1).strip();
                }
            }
            return null;
        }

        boolean complete() {
            return open == 0 && !continued;
        }
    }
}
