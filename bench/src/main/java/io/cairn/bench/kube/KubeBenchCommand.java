package io.cairn.bench.kube;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn kube-bench}: creates, lists and watches ConfigMaps on a Kubernetes-style API server and prints
 * objects/s, paginated list time and watch delivery latency.
 *
 * <p>Why: the API server's first figures (issue "API server, part 2": 10,000 ConfigMaps, a paginated list, 100
 * watchers at 1,000 events/s) need one repeatable program that any kube-apiserver-compatible server can be run
 * against with just a kubeconfig.
 */
@Command(name = "kube-bench", mixinStandardHelpOptions = true,
        description = {"Load a Kubernetes-style API server: create ConfigMaps, list them paginated, and measure "
                + "watch delivery latency.", "Prints a markdown table."})
public final class KubeBenchCommand implements Callable<Integer> {
    @Option(names = "--kubeconfig", required = true, description = "kubeconfig of the server (current context)")
    Path kubeconfig;

    @Option(names = "--namespace", defaultValue = "kube-bench", description = "namespace to use (created)")
    String namespace;

    @Option(names = "--objects", defaultValue = "10000", description = "ConfigMaps to create")
    int objects;

    @Option(names = "--clients", defaultValue = "50", description = "concurrent creating clients")
    int clients;

    @Option(names = "--page-size", defaultValue = "500", description = "limit of each list page")
    int pageSize;

    @Option(names = "--watchers", defaultValue = "100", description = "concurrent watches on the namespace")
    int watchers;

    @Option(names = "--rate", defaultValue = "1000", description = "updates per second during the watch phase")
    int rate;

    @Option(names = "--seconds", defaultValue = "10", description = "length of the watch phase")
    int seconds;

    @Option(names = "--writers", defaultValue = "50", description = "concurrent updating clients in the watch phase")
    int writers;

    @Option(names = "--value-size", defaultValue = "256", description = "bytes of data per ConfigMap")
    int valueSize;

    /** This command, ready to be added to a parent command line. */
    public CommandLine commandLine() {
        return new CommandLine(this);
    }

    @Override
    public Integer call() throws Exception {
        KubeClient client = KubeClient.fromKubeconfig(kubeconfig);
        KubeLoad load = new KubeLoad(client, namespace, valueSize);
        load.prepare();
        KubeLoad.Result create = load.create(objects, clients);
        KubeLoad.Result list = load.list(pageSize);
        KubeLoad.Result watch = load.watch(watchers, rate, seconds, Math.min(objects, 1000), writers);
        System.out.println("| phase | what | result | p50 ms | p99 ms | errors |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        System.out.println(create.row());
        System.out.println(list.row());
        System.out.println(watch.row());
        return create.errors() + list.errors() + watch.errors() == 0 ? 0 : 1;
    }
}
