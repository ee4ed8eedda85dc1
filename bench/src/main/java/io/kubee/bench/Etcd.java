package io.kubee.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The etcd baseline: the same shapes of call the apiserver makes (storage/EtcdClient), straight
 * through jetcd from this JVM — a create is a transaction {@code version(key) == 0 → put},
 * a get is a single-key range, a list is a range over a prefix. One jetcd client (one gRPC
 * channel), as the apiserver has.
 */
final class Etcd implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 30;

  private final Client client;
  private final KV kv;
  private final String endpoint;

  Etcd(String endpoint) {
    this.endpoint = endpoint;
    this.client = Client.builder().endpoints(endpoint).build();
    this.kv = client.getKVClient();
  }

  static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  /** The server's version, e.g. "3.4.23". */
  String serverVersion() throws Exception {
    return client.getMaintenanceClient().statusMember(endpoint)
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).getVersion();
  }

  /** The stored value of {@code key}, or null. */
  byte[] value(String key) throws Exception {
    GetResponse response = kv.get(bytes(key)).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    return response.getKvs().isEmpty() ? null : response.getKvs().get(0).getValue().getBytes();
  }

  /** Create: put {@code value} at {@code key} if the key does not exist. */
  void create(ByteSequence key, ByteSequence value) throws Exception {
    TxnResponse response = kv.txn()
        .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.version(0)))
        .Then(Op.put(key, value, PutOption.DEFAULT))
        .Else(Op.get(key, GetOption.DEFAULT))
        .commit()
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (!response.isSucceeded()) {
      throw new BenchException("etcd create: key exists: " + key);
    }
  }

  /** Get: one key, which must exist. */
  void get(ByteSequence key) throws Exception {
    GetResponse response = kv.get(key).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    if (response.getKvs().isEmpty()) {
      throw new BenchException("etcd get: no key " + key);
    }
  }

  /** List: the range [{@code from}, {@code end}); returns the number of keys read. */
  int range(ByteSequence from, ByteSequence end) throws Exception {
    GetResponse response = kv.get(from, GetOption.builder().withRange(end).build())
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    return response.getKvs().size();
  }

  /** Deletes every key under {@code prefix}; returns how many. */
  long deletePrefix(String prefix) throws Exception {
    return kv.delete(bytes(prefix), DeleteOption.builder().withRange(bytes(prefixEnd(prefix)))
        .build()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS).getDeleted();
  }

  /** The first key after every key starting with {@code prefix} (ASCII prefixes). */
  static String prefixEnd(String prefix) {
    char last = prefix.charAt(prefix.length() - 1);
    return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
  }

  @Override
  public void close() {
    client.close();
  }
}
