package io.cairn.apiserver.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The validation kube applies to label keys (qualified names) and label values, with kube's wording.
 *
 * <p>Why: a selector with an invalid key or value is refused with a message listing every broken rule; clients and
 * tests compare these texts, so the checks and their order follow kube's.
 */
final class LabelSyntax {

    private static final String QUALIFIED_NAME_FORMAT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final String QUALIFIED_NAME_RULE = "must consist of alphanumeric characters, '-', '_' or '.', "
            + "and must start and end with an alphanumeric character";
    private static final String LABEL_VALUE_FORMAT = "(" + QUALIFIED_NAME_FORMAT + ")?";
    private static final String LABEL_VALUE_RULE = "a valid label must be an empty string or consist of alphanumeric "
            + "characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private static final String DNS_LABEL_FORMAT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS_SUBDOMAIN_FORMAT = DNS_LABEL_FORMAT + "(\\." + DNS_LABEL_FORMAT + ")*";
    private static final String DNS_SUBDOMAIN_RULE = "a lowercase RFC 1123 subdomain must consist of lower case "
            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

    private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FORMAT);
    private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FORMAT);
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(DNS_SUBDOMAIN_FORMAT);

    static final int NAME_MAX_LENGTH = 63;
    static final int VALUE_MAX_LENGTH = 63;
    static final int SUBDOMAIN_MAX_LENGTH = 253;

    private LabelSyntax() {
    }

    /** The broken rules of a label key (optional DNS-subdomain prefix, '/', name), empty when valid. */
    static List<String> keyProblems(String key) {
        List<String> problems = new ArrayList<>();
        String[] parts = key.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            name = parts[1];
            if (prefix.isEmpty()) {
                problems.add("prefix part must be non-empty");
            } else {
                subdomainProblems(prefix).forEach(p -> problems.add("prefix part " + p));
            }
        } else {
            problems.add("a qualified name " + regexProblem(QUALIFIED_NAME_RULE, QUALIFIED_NAME_FORMAT,
                    "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return problems;
        }
        if (name.isEmpty()) {
            problems.add("name part must be non-empty");
        } else if (GoText.byteLength(name) > NAME_MAX_LENGTH) {
            problems.add("name part " + tooLong(NAME_MAX_LENGTH));
        }
        if (!QUALIFIED_NAME.matcher(name).matches()) {
            problems.add("name part " + regexProblem(QUALIFIED_NAME_RULE, QUALIFIED_NAME_FORMAT,
                    "MyName", "my.name", "123-abc"));
        }
        return problems;
    }

    /** The broken rules of a label value (may be empty), empty when valid. */
    static List<String> valueProblems(String value) {
        List<String> problems = new ArrayList<>();
        if (GoText.byteLength(value) > VALUE_MAX_LENGTH) {
            problems.add(tooLong(VALUE_MAX_LENGTH));
        }
        if (!LABEL_VALUE.matcher(value).matches()) {
            problems.add(regexProblem(LABEL_VALUE_RULE, LABEL_VALUE_FORMAT, "MyValue", "my_value", "12345"));
        }
        return problems;
    }

    private static List<String> subdomainProblems(String value) {
        List<String> problems = new ArrayList<>();
        if (GoText.byteLength(value) > SUBDOMAIN_MAX_LENGTH) {
            problems.add(tooLong(SUBDOMAIN_MAX_LENGTH));
        }
        if (!DNS_SUBDOMAIN.matcher(value).matches()) {
            problems.add(regexProblem(DNS_SUBDOMAIN_RULE, DNS_SUBDOMAIN_FORMAT, "example.com"));
        }
        return problems;
    }

    private static String tooLong(int max) {
        return "must be no more than " + max + " characters";
    }

    private static String regexProblem(String rule, String format, String... examples) {
        StringBuilder text = new StringBuilder(rule).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) {
                text.append(" or ");
            }
            text.append('\'').append(examples[i]).append("', ");
        }
        return text.append("regex used for validation is '").append(format).append("')").toString();
    }
}
