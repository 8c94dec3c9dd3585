package io.cairn.cli;

/**
 * Accepts etcd's single-dash spelling of its flags ({@code -name infra0}, {@code -data-dir=/var/etcd}).
 *
 * <p>Why: etcd parses flags with Go's {@code flag} package, where {@code -name} and {@code --name} mean the
 * same, and older scripts and docs use the single dash. Only the {@code server} command's arguments are
 * rewritten, and only tokens that name an etcd flag, so values that start with a dash are left alone.
 */
final class GoFlagSyntax {

    private GoFlagSyntax() {
    }

    /** The arguments with {@code -<etcd flag>} rewritten to {@code --<etcd flag>} after {@code server}. */
    static String[] normalize(String[] args) {
        if (args.length == 0 || !args[0].equals("server")) {
            return args;
        }
        String[] normalized = args.clone();
        for (int i = 1; i < normalized.length; i++) {
            String arg = normalized[i];
            if (arg.equals("--")) {
                break;
            }
            if (arg.length() > 2 && arg.charAt(0) == '-' && arg.charAt(1) != '-' && isEtcdFlag(arg.substring(1))) {
                normalized[i] = "-" + arg;
            }
        }
        return normalized;
    }

    private static boolean isEtcdFlag(String nameAndValue) {
        String name = nameAndValue.split("=", 2)[0];
        return name.equals("help") || ServerFlag.byName(name).isPresent() || UnsupportedFlags.contains(name);
    }
}
