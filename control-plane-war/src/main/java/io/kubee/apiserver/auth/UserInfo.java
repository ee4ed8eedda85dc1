package io.kubee.apiserver.auth;

import java.util.List;

/** Who makes a request, as Kubernetes' {@code user.Info}. */
public record UserInfo(String name, String uid, List<String> groups) {
  public static final UserInfo ANONYMOUS =
      new UserInfo("system:anonymous", "", List.of("system:unauthenticated"));

  /** The apiserver itself, for the objects it creates on its own (system namespaces). */
  public static final UserInfo SYSTEM =
      new UserInfo("system:apiserver", "", List.of("system:masters"));

  public UserInfo {
    groups = List.copyOf(groups);
  }
}
