package io.cairn.apiserver.tests;

/**
 * The CustomResourceDefinitions and custom resources the CRD tests share.
 *
 * <p>Why: kubectl, fabric8 and client-java tests must run against the same definitions to show the same behaviour.
 */
final class CrdManifests {
    private CrdManifests() {
    }

    /**
     * {@code widgets.example.com}: namespaced, v1 (storage) and v1beta1, a schema with a default, an enum, a pattern
     * and bounds, the status and scale subresources, and printer columns (one only in {@code -o wide}).
     */
    static final String WIDGETS = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.example.com
            spec:
              group: example.com
              scope: Namespaced
              names:
                plural: widgets
                singular: widget
                kind: Widget
                shortNames: [wd]
                categories: [gizmos]
              versions:
              - name: v1
                served: true
                storage: true
            %1$s  - name: v1beta1
                served: true
                storage: false
            %1$s""".formatted(versionBody());

    /** What both widget versions declare (written out twice, as YAML anchors are not read by every client). */
    private static String versionBody() {
        return """
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                            type: object
                            description: What the widget should look like.
                            required: [color]
                            properties:
                              replicas:
                                type: integer
                                minimum: 0
                                maximum: 10
                              size:
                                type: string
                                enum: [small, large]
                                default: small
                              color:
                                type: string
                                description: Paint colour, lower-case letters.
                                pattern: '^[a-z]+$'
                          status:
                            type: object
                            properties:
                              replicas:
                                type: integer
                              selector:
                                type: string
                    subresources:
                      status: {}
                      scale:
                        specReplicasPath: .spec.replicas
                        statusReplicasPath: .status.replicas
                        labelSelectorPath: .status.selector
                    additionalPrinterColumns:
                    - name: Replicas
                      type: integer
                      jsonPath: .spec.replicas
                    - name: Size
                      type: string
                      jsonPath: .spec.size
                    - name: Color
                      type: string
                      priority: 1
                      jsonPath: .spec.color
                    - name: Age
                      type: date
                      jsonPath: .metadata.creationTimestamp
                """;
    }

    /**
     * {@code gadgets.example.com}: cluster-scoped, one version, unknown fields kept below spec, a map of integers as
     * status (no status subresource), no columns.
     */
    static final String GADGETS = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: gadgets.example.com
            spec:
              group: example.com
              scope: Cluster
              names:
                plural: gadgets
                kind: Gadget
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec:
                        type: object
                        x-kubernetes-preserve-unknown-fields: true
                      status:
                        type: object
                        additionalProperties:
                          type: integer
            """;

    static String widget(String name, String namespace, String replicas, String color) {
        return """
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  replicas: %s
                  color: %s
                """.formatted(name, namespace, replicas, color);
    }

    /** A widget with a field its schema does not declare (spec is the manifest's last block). */
    static String widgetWithTypo(String name, String namespace, String replicas, String color) {
        return widget(name, namespace, replicas, color) + "  typo: dropped\n";
    }
}
