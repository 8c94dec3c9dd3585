package io.cairn.apiserver.crd;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kube's version priority: GA before beta before alpha, higher numbers first, then other names alphabetically
 * ({@code v2, v1, v1beta2, v1beta1, v1alpha1, foo}).
 *
 * <p>Why: discovery lists a group's versions in this order and its first one is the preferred version kubectl uses.
 */
final class KubeVersions {
    private static final Pattern KUBE = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

    /** Highest priority first. */
    static final Comparator<String> PRIORITY = KubeVersions::compare;

    private KubeVersions() {
    }

    private static int compare(String a, String b) {
        Matcher ma = KUBE.matcher(a);
        Matcher mb = KUBE.matcher(b);
        boolean ka = ma.matches();
        boolean kb = mb.matches();
        if (!ka || !kb) {
            return ka ? -1 : kb ? 1 : a.compareTo(b);
        }
        int ra = rank(ma.group(2));
        int rb = rank(mb.group(2));
        if (ra != rb) {
            return Integer.compare(rb, ra);
        }
        int major = Long.compare(Long.parseLong(mb.group(1)), Long.parseLong(ma.group(1)));
        if (major != 0 || ma.group(3) == null) {
            return major;
        }
        return Long.compare(Long.parseLong(mb.group(3)), Long.parseLong(ma.group(3)));
    }

    private static int rank(String stage) {
        return stage == null ? 2 : stage.equals("beta") ? 1 : 0;
    }
}
