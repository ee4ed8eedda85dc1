package io.kubee.apiserver.admission;

/** The operations admission sees, as Kubernetes' {@code admission.Operation}. */
public enum Operation { CREATE, UPDATE, DELETE }
