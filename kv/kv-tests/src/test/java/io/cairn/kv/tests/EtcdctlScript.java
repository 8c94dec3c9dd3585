package io.cairn.kv.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A scripted etcdctl session, parsed from a text file so that extending it means adding lines, not code.
 *
 * <p>Format: {@code $ <arguments>} is one etcdctl invocation (words split on blanks; {@code "..."} and
 * {@code '...'} group words, {@code ""} is an empty argument; {@code \"} and {@code \\} escape inside double quotes).
 * A step reads stdin either from a heredoc, {@code $ txn <<EOF} followed by lines kept verbatim up to a line
 * {@code EOF}, or from a sibling resource, {@code $ txn < other-file.txt}. Lines starting with {@code #} and blank
 * lines between steps are ignored.
 */
record EtcdctlScript(List<Step> steps) {

    /** One invocation: its line in the script, its arguments (without {@code --endpoints}) and optional stdin. */
    record Step(int line, List<String> args, Optional<String> stdin) {
        @Override
        public String toString() {
            return "line " + line + ": etcdctl " + String.join(" ", args.stream().map(Step::quote).toList())
                    + stdin.map(s -> " (with stdin)").orElse("");
        }

        private static String quote(String arg) {
            return arg.isEmpty() || arg.contains(" ") ? "\"" + arg + "\"" : arg;
        }
    }

    /**
     * Parses a script; {@code resources} maps a file name from {@code < name} to that file's content.
     *
     * @throws IllegalArgumentException on a malformed line, naming its line number
     */
    static EtcdctlScript parse(String text, UnaryOperator<String> resources) {
        List<String> lines = text.lines().toList();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int number = i + 1;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (!line.startsWith("$ ")) {
                throw new IllegalArgumentException("line " + number + ": expected \"$ <etcdctl arguments>\": " + line);
            }
            List<String> args = new ArrayList<>(split(line.substring(2), number));
            Optional<String> stdin = Optional.empty();
            if (!args.isEmpty() && args.getLast().startsWith("<<")) {
                String terminator = args.removeLast().substring(2);
                StringBuilder body = new StringBuilder();
                int j = i + 1;
                while (j < lines.size() && !lines.get(j).equals(terminator)) {
                    body.append(lines.get(j)).append('\n');
                    j++;
                }
                if (j == lines.size()) {
                    throw new IllegalArgumentException("line " + number + ": heredoc not closed by " + terminator);
                }
                stdin = Optional.of(body.toString());
                i = j;
            } else if (args.size() >= 2 && args.get(args.size() - 2).equals("<")) {
                String file = args.removeLast();
                args.removeLast();
                stdin = Optional.of(resources.apply(file));
            }
            if (args.isEmpty()) {
                throw new IllegalArgumentException("line " + number + ": no etcdctl arguments");
            }
            steps.add(new Step(number, List.copyOf(args), stdin));
        }
        return new EtcdctlScript(List.copyOf(steps));
    }

    /** Splits a command line into words, honouring quotes. */
    static List<String> split(String line, int number) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (quote == '"' && c == '\\' && i + 1 < line.length()
                        && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("line " + number + ": unclosed quote " + quote);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
