package io.cairn.apiserver.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A CSV reader with the rules and error messages of Go's {@code encoding/csv} in its default, strict mode, which is
 * what kube-apiserver reads its {@code --token-auth-file} with.
 *
 * <p>Why not a general CSV library: a token file that kube-apiserver accepts must be accepted here with the same
 * fields, and one it rejects must be rejected with the same message. The rules: records end at a newline
 * ({@code \r\n} counts as one), lines with nothing on them are skipped, no comment syntax, no trimming, a field
 * starting with {@code "} is quoted ({@code ""} inside is one quote, commas and newlines are literal), a quote
 * anywhere else is an error. Positions are 1-based lines and byte columns.
 */
final class GoCsv {

    static final String BARE_QUOTE = "bare \" in non-quoted-field";
    static final String QUOTE = "extraneous or missing \" in quoted-field";

    private final byte[] input;
    private int offset;
    private int lineNumber;

    private GoCsv(byte[] input) {
        this.input = input;
    }

    /** All records of {@code input}. */
    static List<List<String>> parse(byte[] input) throws IOException {
        GoCsv reader = new GoCsv(input);
        List<List<String>> records = new ArrayList<>();
        for (Optional<List<String>> record = reader.record(); record.isPresent(); record = reader.record()) {
            records.add(record.get());
        }
        return records;
    }

    private Optional<byte[]> line() {
        if (offset >= input.length) {
            return Optional.empty();
        }
        int newline = indexOf(input, (byte) '\n', offset, input.length);
        int end = newline >= 0 ? newline + 1 : input.length;
        byte[] line = Arrays.copyOfRange(input, offset, end);
        offset = end;
        lineNumber++;
        int n = line.length;
        if (newline >= 0 && n >= 2 && line[n - 2] == '\r') {
            line = Arrays.copyOf(line, n - 1);
            line[n - 2] = '\n';
        } else if (newline < 0 && n >= 1 && line[n - 1] == '\r') {
            line = Arrays.copyOf(line, n - 1);
        }
        return Optional.of(line);
    }

    private Optional<List<String>> record() throws IOException {
        Optional<byte[]> next;
        do {
            next = line();
            if (next.isEmpty()) {
                return Optional.empty();
            }
        } while (next.get().length == newlineLength(next.get()));
        byte[] line = next.get();
        int recordLine = lineNumber;
        int position = 0;
        int column = 1;
        List<String> fields = new ArrayList<>();
        while (true) {
            if (position >= line.length || line[position] != '"') {
                int comma = indexOf(line, (byte) ',', position, line.length);
                int end = comma >= 0 ? comma : line.length - newlineLength(line);
                int quote = indexOf(line, (byte) '"', position, end);
                if (quote >= 0) {
                    throw error(recordLine, lineNumber, column + quote - position, BARE_QUOTE);
                }
                fields.add(new String(line, position, end - position, StandardCharsets.UTF_8));
                if (comma < 0) {
                    return Optional.of(fields);
                }
                column += comma + 1 - position;
                position = comma + 1;
                continue;
            }
            ByteArrayOutputStream field = new ByteArrayOutputStream();
            position++;
            column++;
            int fieldLine = lineNumber;
            while (true) {
                int quote = indexOf(line, (byte) '"', position, line.length);
                if (quote >= 0) {
                    field.write(line, position, quote - position);
                    column += quote + 1 - position;
                    position = quote + 1;
                    int rest = line.length - position;
                    if (rest > 0 && line[position] == '"') {
                        field.write('"');
                        position++;
                        column++;
                    } else if (rest > 0 && line[position] == ',') {
                        position++;
                        column++;
                        fields.add(field.toString(StandardCharsets.UTF_8));
                        break;
                    } else if (rest == 0 || (rest == 1 && line[position] == '\n')) {
                        fields.add(field.toString(StandardCharsets.UTF_8));
                        return Optional.of(fields);
                    } else {
                        throw error(recordLine, lineNumber, column - 1, QUOTE);
                    }
                } else if (position < line.length) {
                    field.write(line, position, line.length - position);
                    column += line.length - position;
                    Optional<byte[]> continuation = line();
                    line = continuation.orElse(new byte[0]);
                    position = 0;
                    if (continuation.isPresent()) {
                        fieldLine = lineNumber;
                        column = 1;
                    }
                } else {
                    throw error(recordLine, fieldLine, column, QUOTE);
                }
            }
        }
    }

    private static IOException error(int recordLine, int line, int column, String message) {
        String where = "parse error on line " + line + ", column " + column + ": " + message;
        return new IOException(recordLine == line ? where : "record on line " + recordLine + "; " + where);
    }

    private static int newlineLength(byte[] line) {
        return line.length > 0 && line[line.length - 1] == '\n' ? 1 : 0;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
