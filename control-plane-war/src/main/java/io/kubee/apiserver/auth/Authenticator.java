package io.kubee.apiserver.auth;

import java.util.Optional;

/**
 * First stage of the request pipeline: turns a request's credentials into a user. Returns empty
 * when the request carries no credentials this authenticator understands; throws an
 * {@code ApiException} (401) when it carries bad ones.
 */
public interface Authenticator {

  Optional<UserInfo> authenticate(Credentials credentials);

  /** What a request presents: the Authorization header and the TLS client certificate subject. */
  record Credentials(String authorizationHeader, String clientCertificateSubject) {}
}
