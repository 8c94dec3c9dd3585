package io.cairn.kv.tests;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A scripted etcdctl session, parsed from a text file so that extending it means adding lines, not code.
 *
 * <p>Format: {@code $ <arguments>} is one etcdctl invocation (words split on blanks; {@code "..."} and
 * {@code '...'} group words, {@code ""} is an empty argument; {@code \"} and {@code \\} escape inside double quotes).
 * A step reads stdin either from a heredoc, {@code $ txn <<EOF} followed by lines kept verbatim up to a line
 * {@code EOF}, or from a sibling resource, {@code $ txn < other-file.txt}. Lines starting with {@code #} and blank
 * lines between steps are ignored. Besides:
 * <ul>
 *   <li>{@code [Lease] $ lease grant 60}: the step needs the named services ({@link EtcdService#shortName()},
 *       comma-separated); it is skipped against a server that does not implement one of them.</li>
 *   <li>{@code $ lease grant 60 => LEASE}: the lease id the step prints (16 hexadecimal digits, or a JSON
 *       {@code "ID"}) is kept as {@code LEASE}, in hexadecimal; later steps write it as {@code ${LEASE}}, in
 *       arguments or stdin.</li>
 *   <li>{@code $ watch foo --rev 2 &}: a background step, for long-running commands such as {@code watch} and
 *       {@code elect}; the session goes on while it runs.</li>
 *   <li>{@code wait}: collects every background step: each either exits by itself or is stopped once its output has
 *       stopped growing. The end of the script is an implicit {@code wait}.</li>
 * </ul>
 */
record EtcdctlScript(List<Entry> entries) {

    /** {@code [Service,...] $ ...}: a step with the services it needs. */
    private static final Pattern NEEDS = Pattern.compile("\\[([^]]*)] (\\$ .*)");

    /** A line of the script that does something: a {@link Step} or a {@link Wait}. */
    sealed interface Entry permits Step, Wait {
    }

    /**
     * One invocation: its line in the script, its arguments (without {@code --endpoints}), optional stdin, the
     * services it needs, whether it runs in the background, and the variable its printed id is kept as.
     */
    record Step(int line, List<String> args, Optional<String> stdin, Set<EtcdService> needs, boolean background,
                Optional<String> captureAs) implements Entry {

        @Override
        public String toString() {
            String services = needs.isEmpty() ? ""
                    : needs.stream().map(EtcdService::shortName).sorted().collect(Collectors.joining(",", "[", "] "));
            return "line " + line + ": " + services + "etcdctl "
                    + String.join(" ", args.stream().map(Step::quote).toList())
                    + stdin.map(s -> " (with stdin)").orElse("")
                    + captureAs.map(name -> " => " + name).orElse("")
                    + (background ? " &" : "");
        }

        private static String quote(String arg) {
            return arg.isEmpty() || arg.contains(" ") ? "\"" + arg + "\"" : arg;
        }
    }

    /** A {@code wait} line: collect the background steps started so far. */
    record Wait(int line) implements Entry {
    }

    /** The invocations, in script order. */
    List<Step> steps() {
        return entries.stream().filter(Step.class::isInstance).map(Step.class::cast).toList();
    }

    /**
     * Parses a script; {@code resources} maps a file name from {@code < name} to that file's content.
     *
     * @throws IllegalArgumentException on a malformed line, naming its line number
     */
    static EtcdctlScript parse(String text, UnaryOperator<String> resources) {
        List<String> lines = text.lines().toList();
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int number = i + 1;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.strip().equals("wait")) {
                entries.add(new Wait(number));
                continue;
            }
            Set<EtcdService> needs = Set.of();
            Matcher annotated = NEEDS.matcher(line);
            if (annotated.matches()) {
                needs = services(annotated.group(1), number);
                line = annotated.group(2);
            }
            if (!line.startsWith("$ ")) {
                throw new IllegalArgumentException("line " + number + ": expected \"$ <etcdctl arguments>\": " + line);
            }
            List<String> args = new ArrayList<>(split(line.substring(2), number));
            boolean background = !args.isEmpty() && args.getLast().equals("&");
            if (background) {
                args.removeLast();
            }
            Optional<String> captureAs = Optional.empty();
            if (args.size() >= 2 && args.get(args.size() - 2).equals("=>")) {
                captureAs = Optional.of(args.removeLast());
                args.removeLast();
            }
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
            entries.add(new Step(number, List.copyOf(args), stdin, needs, background, captureAs));
        }
        return new EtcdctlScript(List.copyOf(entries));
    }

    private static Set<EtcdService> services(String names, int number) {
        Set<EtcdService> services = EnumSet.noneOf(EtcdService.class);
        for (String name : names.split(",")) {
            services.add(EtcdService.byShortName(name.strip()).orElseThrow(() -> new IllegalArgumentException(
                    "line " + number + ": unknown service " + name.strip() + "; known: " + Arrays.stream(
                            EtcdService.values()).map(EtcdService::shortName).toList())));
        }
        return Set.copyOf(services);
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
