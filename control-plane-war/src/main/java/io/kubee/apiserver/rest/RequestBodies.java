package io.kubee.apiserver.rest;

import io.kubee.api.errors.Errors;
import io.kubee.apiserver.handlers.RestHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads request bodies up to Kubernetes' 3 MiB limit, answering 413 beyond it without reading
 * the rest into memory.
 */
final class RequestBodies {
  private RequestBodies() {}

  static byte[] read(InputStream in, long declaredLength) {
    int limit = RestHandler.MAX_BODY_BYTES;
    if (declaredLength > limit) {
      throw tooLarge();
    }
    if (in == null) {
      return new byte[0];
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(
        declaredLength > 0 ? (int) declaredLength : 4096);
    byte[] buffer = new byte[16 * 1024];
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (body.size() + n > limit) {
          throw tooLarge();
        }
        body.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw Errors.badRequest("the request body could not be read: " + e.getMessage());
    }
    return body.toByteArray();
  }

  private static io.kubee.api.errors.ApiException tooLarge() {
    return Errors.requestEntityTooLarge("the request body is larger than "
        + RestHandler.MAX_BODY_BYTES + " bytes");
  }
}
