package io.kubee.apiserver.auth;

import io.kubee.apiserver.request.RequestInfo;

/**
 * Second stage of the request pipeline: may this user do this verb on this resource? Kubernetes'
 * {@code authorizer.Authorizer}.
 */
public interface Authorizer {

  Decision authorize(UserInfo user, RequestInfo request);

  /** @param reason why, shown to the user when denied */
  record Decision(boolean allowed, String reason) {
    public static final Decision ALLOW = new Decision(true, "");
  }
}
