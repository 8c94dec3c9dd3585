package io.cairn.apiserver.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * YAML manifests the kubectl tests feed to {@code create -f} and {@code replace -f}.
 *
 * <p>Why: one place for the objects whose printed rows the tests expect, written as users write them (no defaults).
 */
final class Manifests {
    static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels:
                app: web
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.27
            """;
    static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: p1
              labels:
                app: web
            spec:
              containers:
              - name: main
                image: busybox:1.36
            """;
    static final String NODE = """
            apiVersion: v1
            kind: Node
            metadata:
              name: n1
              labels:
                kubernetes.io/hostname: n1
            """;
    static final String SERVICE = """
            apiVersion: v1
            kind: Service
            metadata:
              name: front
            spec:
              selector:
                app: web
              ports:
              - port: 80
                targetPort: 8080
            """;

    private Manifests() {
    }

    /** A ConfigMap manifest with one data entry. */
    static String configMap(String name, String value) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                data:
                  key: %s
                """.formatted(name, value);
    }

    /** Writes {@code yaml} to {@code dir/file} and returns the path as kubectl's {@code -f} argument. */
    static String write(Path dir, String file, String yaml) {
        try {
            return Files.writeString(dir.resolve(file), yaml).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
