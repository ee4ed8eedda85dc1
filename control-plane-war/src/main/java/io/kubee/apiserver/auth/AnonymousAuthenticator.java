package io.kubee.apiserver.auth;

import java.util.Optional;

/**
 * Treats every request as {@code system:anonymous}. The authentication stage until tokens and
 * client certificates are checked (the security issue replaces it).
 */
public final class AnonymousAuthenticator implements Authenticator {
  @Override
  public Optional<UserInfo> authenticate(Credentials credentials) {
    return Optional.of(UserInfo.ANONYMOUS);
  }
}
