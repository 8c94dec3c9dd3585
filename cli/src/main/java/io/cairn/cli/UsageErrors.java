package io.cairn.cli;

import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports command-line parse errors in a few lines instead of the full usage text.
 *
 * <p>Why: picocli would call an etcd flag that Cairn lacks (say {@code --cert-file}) an unknown option, which
 * reads like a typo; it gets "cairn: flag --cert-file is not supported yet" and status 1 instead. Other parse
 * errors keep picocli's message, its "did you mean" suggestions, and status 2, as etcd exits on a bad flag.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        PrintWriter err = command.getErr();
        Optional<String> unsupported = unsupportedServerFlag(ex);
        if (unsupported.isPresent()) {
            err.println("cairn: " + UnsupportedFlags.notSupported("flag --" + unsupported.get()).getMessage());
            return 1;
        }
        String name = command.getCommandSpec().qualifiedName();
        err.println(name + ": " + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + name + " --help' for more information.");
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static Optional<String> unsupportedServerFlag(ParameterException ex) {
        if (!(ex instanceof UnmatchedArgumentException unmatched)
                || !ex.getCommandLine().getCommandName().equals("server")) {
            return Optional.empty();
        }
        return unmatched.getUnmatched().stream()
                .filter(arg -> arg.startsWith("--"))
                .map(arg -> arg.substring(2).split("=", 2)[0])
                .filter(UnsupportedFlags::contains)
                .findFirst();
    }
}
