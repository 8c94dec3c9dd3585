package io.cairn.apiserver.table;

import java.util.Map;

/**
 * Which printer serves which resource, by API group and plural resource name.
 *
 * <p>Why: kube-apiserver registers its printers per resource; every resource without one here gets the default
 * Name / Created At table, as in kube.
 */
final class Printers {

    private static final Printer DEFAULT = new DefaultPrinter();

    private static final Map<String, Printer> BY_RESOURCE = Map.ofEntries(
            Map.entry(key("", "namespaces"), new NamespacePrinter()),
            Map.entry(key("", "configmaps"), new ConfigMapPrinter()),
            Map.entry(key("", "secrets"), new SecretPrinter()),
            Map.entry(key("", "services"), new ServicePrinter()),
            Map.entry(key("", "serviceaccounts"), new ServiceAccountPrinter()),
            Map.entry(key("", "pods"), new PodPrinter()),
            Map.entry(key("", "nodes"), new NodePrinter()),
            Map.entry(key("", "events"), new EventPrinter()),
            Map.entry(key("", "endpoints"), new EndpointsPrinter()),
            Map.entry(key("apps", "deployments"), new DeploymentPrinter()),
            Map.entry(key("apps", "replicasets"), new ReplicaSetPrinter()),
            Map.entry(key("apps", "statefulsets"), new StatefulSetPrinter()),
            Map.entry(key("apps", "daemonsets"), new DaemonSetPrinter()),
            Map.entry(key("coordination.k8s.io", "leases"), new LeasePrinter()));

    private Printers() {
    }

    static Printer of(String group, String resource) {
        return BY_RESOURCE.getOrDefault(key(group, resource), DEFAULT);
    }

    private static String key(String group, String resource) {
        return group + "/" + resource;
    }
}
