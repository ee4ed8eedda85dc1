package io.kubee.apiserver.allocation;

import io.kubee.api.codec.Codec;
import io.kubee.api.meta.Meta;
import io.kubee.storage.ListOptions;
import io.kubee.storage.Storage;
import io.kubee.storage.StorageException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongFunction;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hands out the values of a numbered range (service IPs, node ports) so that no two services
 * hold the same one, across apiservers: each allocation is a key of its own in etcd, created
 * with a "does not exist" precondition (as Kubernetes' IPAddress objects are). Released
 * allocations are deleted by the repair loop.
 *
 * <p>Values are tried at random first, then in order, so a nearly full range still finds a free
 * one. Thread-safe.
 */
public final class Allocator {
  private static final int RANDOM_TRIES = 16;

  private final Storage storage;
  private final String prefix;
  private final long size;
  private final LongFunction<String> valueAt;
  private final Clock clock;
  private final Random random = new Random();

  /**
   * @param prefix  where allocations are kept ("/registry/ipallocations/")
   * @param size    how many values the range has
   * @param valueAt the value of an index
   */
  public Allocator(Storage storage, String prefix, long size, LongFunction<String> valueAt,
      Clock clock) {
    this.storage = storage;
    this.prefix = prefix;
    this.size = size;
    this.valueAt = valueAt;
    this.clock = clock;
  }

  /** Reserves {@code value} for {@code owner}; false when someone else holds it. */
  public boolean reserve(String value, String owner) {
    ObjectNode allocation = Codec.INSTANCE.newObject();
    allocation.put("value", value);
    allocation.put("owner", owner);
    allocation.put("allocatedAt", Meta.timestamp(clock.instant()));
    try {
      storage.create(prefix + value, allocation, 0);
      return true;
    } catch (StorageException e) {
      if (e.code() == StorageException.Code.KEY_EXISTS) {
        return owner.equals(ownerOf(value));
      }
      throw e;
    }
  }

  /** Allocates a free value for {@code owner}; null when the range is full. */
  public String allocate(String owner) {
    for (int i = 0; i < RANDOM_TRIES && size > 0; i++) {
      String value = valueAt.apply(Math.floorMod(random.nextLong(), size));
      if (reserve(value, owner)) {
        return value;
      }
    }
    for (long index = 0; index < size; index++) {
      String value = valueAt.apply(index);
      if (reserve(value, owner)) {
        return value;
      }
    }
    return null;
  }

  /** Releases {@code value}. Idempotent. */
  public void release(String value) {
    try {
      storage.delete(prefix + value, current -> { });
    } catch (StorageException e) {
      if (e.code() != StorageException.Code.NOT_FOUND) {
        throw e;
      }
    }
  }

  /** Every allocation: value, owner and when it was made. */
  public List<Allocation> allocations() {
    List<Allocation> result = new ArrayList<>();
    for (ObjectNode item : storage.list(prefix, ListOptions.all()).items()) {
      result.add(new Allocation(item.path("value").asString(""), item.path("owner").asString(""),
          item.path("allocatedAt").asString("")));
    }
    return result;
  }

  private String ownerOf(String value) {
    try {
      return storage.get(prefix + value).path("owner").asString("");
    } catch (StorageException e) {
      return "";
    }
  }

  /** One allocated value. */
  public record Allocation(String value, String owner, String allocatedAt) {}
}
