package io.cairn.apiserver.crd;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The string formats kube-apiserver checks in custom resources; any other format is accepted as it is.
 *
 * <p>Why: a schema's {@code format} is part of its validation in kube (uuid, date, date-time, hostname, email, ipv4,
 * ipv6, cidr, byte); the same values must pass and fail here.
 */
final class Formats {
    private static final Pattern UUID = Pattern.compile(
            "(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$");
    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");
    private static final Pattern HOSTNAME = Pattern.compile(
            "^[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?)*$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
    private static final Pattern IPV4 = Pattern.compile(
            "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");

    private Formats() {
    }

    static boolean valid(String format, String v) {
        return switch (format) {
            case "uuid" -> UUID.matcher(v).matches();
            case "date" -> DATE.matcher(v).matches() && parses(() -> java.time.LocalDate.parse(v));
            case "date-time" -> parses(() -> java.time.OffsetDateTime.parse(v));
            case "hostname" -> v.length() <= 255 && HOSTNAME.matcher(v).matches();
            case "email" -> EMAIL.matcher(v).matches();
            case "ipv4" -> IPV4.matcher(v).matches();
            case "ipv6" -> ipv6(v);
            case "cidr" -> cidr(v);
            case "byte" -> parses(() -> java.util.Base64.getDecoder().decode(v.getBytes(StandardCharsets.UTF_8)));
            default -> true;
        };
    }

    private static boolean cidr(String v) {
        int slash = v.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String ip = v.substring(0, slash);
        try {
            int bits = Integer.parseInt(v.substring(slash + 1));
            boolean v4 = IPV4.matcher(ip).matches();
            return v4 ? bits >= 0 && bits <= 32
                    : ipv6(ip) && bits >= 0
                    && bits <= 128;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean ipv6(String v) {
        if (!v.contains(":") || v.indexOf("::") != v.lastIndexOf("::")) {
            return false;
        }
        String body = v;
        int extra = 0;
        int lastColon = v.lastIndexOf(':');
        if (v.substring(lastColon + 1).contains(".")) {
            if (!IPV4.matcher(v.substring(lastColon + 1)).matches()) {
                return false;
            }
            body = v.substring(0, lastColon + 1) + "0";
            extra = 1;
        }
        boolean compressed = body.contains("::");
        String[] groups = body.replace("::", ":z:").split(":", -1);
        int count = 0;
        for (String g : groups) {
            if (g.equals("z") || g.isEmpty() && compressed) {
                continue;
            }
            if (!g.matches("[0-9a-fA-F]{1,4}")) {
                return false;
            }
            count++;
        }
        count += extra;
        return compressed ? count <= 7 : count == 8;
    }

    private static boolean parses(Runnable r) {
        try {
            r.run();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
