package io.cairn.apiserver.registry;

import io.cairn.apiserver.status.Cause;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Object name rules and generated names, with kube-apiserver's validation messages.
 *
 * <p>Why: kubectl and the Java clients show these messages verbatim; a name accepted here must be one Kubernetes
 * accepts, so manifests move between the two.
 */
final class Names {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_1035 = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final int MAX_GENERATE_PREFIX = 58;

    private Names() {
    }

    /** The rule a kind's names follow. */
    enum Rule { SUBDOMAIN, LABEL, LABEL_1035 }

    /** The causes for an invalid name (empty when valid). */
    static List<Cause> validate(String name, Rule rule) {
        List<Cause> out = new ArrayList<>();
        String field = "metadata.name";
        switch (rule) {
            case SUBDOMAIN -> {
                if (name.length() > 253) {
                    out.add(invalid(field, name, "must be no more than 253 characters"));
                }
                if (!SUBDOMAIN.matcher(name).matches()) {
                    out.add(invalid(field, name, "a lowercase RFC 1123 subdomain must consist of lower case"
                            + " alphanumeric characters, '-' or '.', and must start and end with an alphanumeric"
                            + " character (e.g. 'example.com', regex used for validation is"
                            + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
                }
            }
            case LABEL -> {
                if (name.length() > 63) {
                    out.add(invalid(field, name, "must be no more than 63 characters"));
                }
                if (!LABEL.matcher(name).matches()) {
                    out.add(invalid(field, name, "a lowercase RFC 1123 label must consist of lower case alphanumeric"
                            + " characters or '-', and must start and end with an alphanumeric character (e.g."
                            + " 'my-name',  or '123-abc', regex used for validation is"
                            + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"));
                }
            }
            case LABEL_1035 -> {
                if (name.length() > 63) {
                    out.add(invalid(field, name, "must be no more than 63 characters"));
                }
                if (!LABEL_1035.matcher(name).matches()) {
                    out.add(invalid(field, name, "a DNS-1035 label must consist of lower case alphanumeric characters"
                            + " or '-', start with an alphabetic character, and end with an alphanumeric character"
                            + " (e.g. 'my-name',  or 'abc-123', regex used for validation is"
                            + " '[a-z]([-a-z0-9]*[a-z0-9])?')"));
                }
            }
        }
        return out;
    }

    /** {@code generateName} + 5 random characters of kube's alphabet; the prefix is cut to 58 characters. */
    static String generate(String base, RandomGenerator random) {
        String p = base.length() > MAX_GENERATE_PREFIX ? base.substring(0, MAX_GENERATE_PREFIX) : base;
        StringBuilder b = new StringBuilder(p);
        for (int i = 0; i < 5; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    static Cause invalid(String field, String value, String detail) {
        return new Cause("FieldValueInvalid", "Invalid value: \"" + value + "\": " + detail, field);
    }

    static Cause required(String field, String detail) {
        return new Cause("FieldValueRequired", "Required value" + (detail.isEmpty() ? "" : ": " + detail), field);
    }
}
