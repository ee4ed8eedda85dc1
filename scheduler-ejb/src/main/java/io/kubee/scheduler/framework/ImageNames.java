package io.kubee.scheduler.framework;

/** Image names as the ImageLocality plugin compares them: with a tag (":latest" if none). */
public final class ImageNames {
  private ImageNames() {}

  public static String normalize(String image) {
    if (image.contains("@")) {
      return image;
    }
    int slash = image.lastIndexOf('/');
    return image.indexOf(':', slash + 1) >= 0 ? image : image + ":latest";
  }
}
