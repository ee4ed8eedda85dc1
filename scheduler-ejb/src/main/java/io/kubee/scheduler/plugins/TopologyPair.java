package io.kubee.scheduler.plugins;

/** A topology domain: a node label key and its value ("topology.kubernetes.io/zone=a"). */
record TopologyPair(String key, String value) {}
