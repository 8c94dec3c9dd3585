/**
 * The API server's identity and its callers' identities, k3s-style: a certificate authority, a serving certificate
 * and an admin client certificate generated once under {@code <dataDir>/apiserver/pki}, the admin kubeconfig, and
 * kube-apiserver's client-certificate and static-token authentication.
 *
 * <p>Entry points: {@link io.cairn.apiserver.pki.ApiServerPki} (certificates and the listener's
 * {@link javax.net.ssl.SSLContext}), {@link io.cairn.apiserver.pki.Kubeconfig} (the file kubectl reads),
 * {@link io.cairn.apiserver.pki.TokenFile} and {@link io.cairn.apiserver.pki.Authenticator} (who is calling).
 */
package io.cairn.apiserver.pki;
