package io.cairn.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Flag values from an etcd YAML config file ({@code --config-file}).
 *
 * <p>Why: operators who run etcd from a config file keep that file. The format is etcd's: top-level keys are the
 * flag names ({@code name}, {@code data-dir}, {@code listen-client-urls} as a comma-separated string, ...).
 * A YAML list is also accepted wherever a comma-separated list is. TLS settings live under
 * {@code client-transport-security} and {@code peer-transport-security} ({@code cert-file}, {@code key-file},
 * {@code client-cert-auth}, {@code trusted-ca-file}, {@code auto-tls}), as in etcd, and only there: a top-level
 * {@code cert-file} is an error, since etcd would silently ignore it.
 *
 * <p>Unlike etcd, which silently drops keys it does not know, an unknown key is an error naming the key: a typo
 * would otherwise leave a setting at its default. A key whose value is empty ({@code data-dir:}) counts as unset.
 */
final class ConfigFileSource {

    /** The keys of a transport-security block, and the flags they set on each side. */
    private static final Map<String, ServerFlag> CLIENT_SECURITY = Map.of(
            "cert-file", ServerFlag.CERT_FILE, "key-file", ServerFlag.KEY_FILE,
            "client-cert-auth", ServerFlag.CLIENT_CERT_AUTH, "trusted-ca-file", ServerFlag.TRUSTED_CA_FILE,
            "auto-tls", ServerFlag.AUTO_TLS);
    private static final Map<String, ServerFlag> PEER_SECURITY = Map.of(
            "cert-file", ServerFlag.PEER_CERT_FILE, "key-file", ServerFlag.PEER_KEY_FILE,
            "client-cert-auth", ServerFlag.PEER_CLIENT_CERT_AUTH, "trusted-ca-file", ServerFlag.PEER_TRUSTED_CA_FILE,
            "auto-tls", ServerFlag.PEER_AUTO_TLS);
    private static final Map<String, Map<String, ServerFlag>> TRANSPORT_SECURITY = Map.of(
            "client-transport-security", CLIENT_SECURITY, "peer-transport-security", PEER_SECURITY);

    private ConfigFileSource() {
    }

    /** Reads and checks {@code file}; returns the settings it gives, keyed by flag. */
    static Map<ServerFlag, Setting> read(Path file) {
        Map<ServerFlag, Setting> settings = new EnumMap<>(ServerFlag.class);
        for (Map.Entry<?, ?> entry : load(file).entrySet()) {
            String key = String.valueOf(entry.getKey());
            Object value = entry.getValue();
            ServerFlag flag = ServerFlag.byName(key).filter(f -> f != ServerFlag.CONFIG_FILE).orElse(null);
            if (flag != null && (CLIENT_SECURITY.containsValue(flag) || PEER_SECURITY.containsValue(flag))) {
                throw new ConfigException("config file key " + key + " belongs under "
                        + (CLIENT_SECURITY.containsValue(flag) ? "client" : "peer") + "-transport-security");
            } else if (flag != null) {
                if (value instanceof Map) {
                    throw new ConfigException("config file key " + key + " must be a value or a list, not a mapping");
                }
                String text = text(value);
                if (!text.isEmpty()) {
                    settings.put(flag, Setting.configFile(flag, key, text));
                }
            } else if (TRANSPORT_SECURITY.containsKey(key)) {
                readTransportSecurity(key, value, TRANSPORT_SECURITY.get(key), settings);
            } else if (UnsupportedFlags.contains(key)) {
                if (value instanceof Map || !UnsupportedFlags.leavesFeatureOff(key, text(value))) {
                    throw UnsupportedFlags.notSupported("config file key " + key);
                }
            } else {
                throw new ConfigException("unknown key \"" + key + "\" in config file " + file);
            }
        }
        return settings;
    }

    private static Map<?, ?> load(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        try (Reader reader = Files.newBufferedReader(file)) {
            Object document = yaml.load(reader);
            if (document == null) {
                return Map.of();
            }
            if (document instanceof Map<?, ?> map) {
                return map;
            }
            throw new ConfigException("config file " + file + " must be a YAML mapping of flag names to values");
        } catch (NoSuchFileException e) {
            throw new ConfigException("cannot read config file " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new ConfigException("cannot read config file " + file + ": permission denied");
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ConfigException("config file " + file + " is not valid YAML: " + e.getProblem()
                    + (line > 0 ? " (line " + line + ")" : ""));
        } catch (YAMLException e) {
            throw new ConfigException("config file " + file + " is not valid YAML: " + e.getMessage());
        }
    }

    /** {@code client-transport-security: {cert-file: ..., auto-tls: ...}}: each entry sets its flag. */
    private static void readTransportSecurity(String key, Object value, Map<String, ServerFlag> flags,
                                              Map<ServerFlag, Setting> settings) {
        if (value == null) {
            return;
        }
        if (!(value instanceof Map<?, ?> entries)) {
            throw new ConfigException("config file key " + key + " must be a mapping (cert-file, key-file, "
                    + "client-cert-auth, trusted-ca-file, auto-tls)");
        }
        entries.forEach((name, v) -> {
            String where = key + "." + name;
            ServerFlag flag = flags.get(String.valueOf(name));
            if (flag == null) { // etcd's sample lists more (allowed-cn, crl-file, ...): tolerated while left off
                String off = v instanceof Map ? "on" : text(v);
                if (!off.isEmpty() && !off.equals("false")) {
                    throw UnsupportedFlags.notSupported("config file key " + where);
                }
                return;
            }
            if (v instanceof Map || v instanceof Collection) {
                throw new ConfigException("config file key " + where + " must be a single value");
            }
            String text = text(v);
            if (!text.isEmpty()) {
                settings.put(flag, Setting.configFile(flag, where, text));
            }
        });
    }

    /** A scalar as text, a list joined with commas, null as the empty string. */
    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(value).strip();
    }
}
