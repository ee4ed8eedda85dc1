package io.kubee.node.volume;

import java.nio.file.Path;

/**
 * A pod volume set up on the node, ready to be mounted into containers.
 *
 * @param name     the volume's name in the pod spec
 * @param hostPath the directory (or file) on the node
 * @param readOnly whether the plugin's content is read-only (configMap, secret, downwardAPI,
 *                 projected), whatever the volumeMount says
 */
public record MountedVolume(String name, Path hostPath, boolean readOnly) {}
