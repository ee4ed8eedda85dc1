package io.kubee.apiserver.auth;

import io.kubee.apiserver.request.RequestInfo;

/** Allows everything, as kube-apiserver's {@code --authorization-mode=AlwaysAllow}. */
public final class AlwaysAllowAuthorizer implements Authorizer {
  @Override
  public Decision authorize(UserInfo user, RequestInfo request) {
    return Decision.ALLOW;
  }
}
