package org.fieldpost.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TagMapTest {

    @Test
    void appendsAndRemovesOldestFirst() {
        TagMap<String> map = new TagMap<>();
        for (long tag = 1; tag <= 100; tag++) {
            map.put(tag, "m" + tag);
        }
        assertThat(map.size()).isEqualTo(100);
        assertThat(map.firstTag()).isEqualTo(1);
        assertThat(map.remove(1)).isEqualTo("m1");
        assertThat(map.firstTag()).isEqualTo(2);
        assertThat(map.get(50)).isEqualTo("m50");
        assertThat(map.remove(1)).isNull();
        assertThat(map.get(101)).isNull();
    }

    @Test
    void removeUpToTakesAPrefixInOrderAndSkipsHoles() {
        TagMap<Long> map = new TagMap<>();
        for (long tag = 1; tag <= 10; tag++) {
            map.put(tag, tag);
        }
        map.remove(3);
        List<Long> taken = new ArrayList<>();
        assertThat(map.removeUpTo(5, taken::add)).isEqualTo(4);
        assertThat(taken).containsExactly(1L, 2L, 4L, 5L);
        assertThat(map.firstTag()).isEqualTo(6);
        assertThat(map.removeUpTo(5, taken::add)).isZero();
        assertThat(map.values()).containsExactly(6L, 7L, 8L, 9L, 10L);
    }

    @Test
    void removeIfSeesTagsInOrderAndLeavesTheRest() {
        TagMap<String> map = new TagMap<>();
        for (long tag = 1; tag <= 6; tag++) {
            map.put(tag, tag % 2 == 0 ? "even" : "odd");
        }
        map.remove(3);
        List<Long> seen = new ArrayList<>();

        int removed = map.removeIf((tag, value) -> {
            seen.add(tag);
            return value.equals("odd") || tag == 6;
        });

        assertThat(removed).isEqualTo(3);
        assertThat(seen).containsExactly(1L, 2L, 4L, 5L, 6L);
        assertThat(map.size()).isEqualTo(2);
        assertThat(map.firstTag()).isEqualTo(2);
        assertThat(map.values()).containsExactly("even", "even");
        map.put(7, "next");
        assertThat(map.get(7)).isEqualTo("next");
    }

    @Test
    void aTagPutBackBelowTheOthersKeepsTheOrder() {
        TagMap<Long> map = new TagMap<>();
        for (long tag = 1; tag <= 40; tag++) {
            map.put(tag, tag);
        }
        map.removeUpTo(30, v -> { });
        map.put(7, 7L);
        map.put(3, 3L);
        map.put(35, -35L);
        assertThat(map.firstTag()).isEqualTo(3);
        assertThat(map.values()).containsExactly(3L, 7L, 31L, 32L, 33L, 34L, -35L, 36L, 37L, 38L, 39L, 40L);
    }

    @Test
    void anOldEntryAtTheFrontDoesNotMakeTheArraysGrowWithoutBound() {
        TagMap<Long> map = new TagMap<>();
        map.put(0, 0L);
        for (long tag = 1; tag <= 1_000_000; tag++) {
            map.put(tag, tag);
            map.remove(tag);
        }
        assertThat(map.size()).isEqualTo(1);
        assertThat(map.firstTag()).isZero();
        map.put(2_000_000, 1L);
        assertThat(map.values()).containsExactly(0L, 1L);
    }

    @Test
    void refusesNullsAndAnswersEmptiness() {
        TagMap<String> map = new TagMap<>();
        assertThatThrownBy(() -> map.put(1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(map::firstTag).isInstanceOf(IllegalStateException.class);
        assertThat(map.first()).isNull();
        map.put(1, "a");
        map.clear();
        assertThat(map.isEmpty()).isTrue();
        assertThat(map.values()).isEmpty();
        map.put(1, "b");
        assertThat(map.first()).isEqualTo("b");
    }

    @Test
    void behavesLikeASortedMapUnderRandomWork() {
        Random random = new Random(42);
        for (int run = 0; run < 50; run++) {
            TagMap<Long> map = new TagMap<>();
            NavigableMap<Long, Long> model = new TreeMap<>();
            long next = 1;
            for (int step = 0; step < 5_000; step++) {
                int action = random.nextInt(10);
                if (action < 5) {
                    long tag = next;
                    next += 1 + random.nextInt(3);
                    assertThat(map.put(tag, tag * 10)).isEqualTo(model.put(tag, tag * 10));
                } else if (action < 8 && !model.isEmpty()) {
                    long tag = model.firstKey() + random.nextInt(20);
                    assertThat(map.remove(tag)).isEqualTo(model.remove(tag));
                } else if (action == 8) {
                    long upTo = model.isEmpty() ? next : model.firstKey() + random.nextInt(10);
                    List<Long> taken = new ArrayList<>();
                    Map<Long, Long> head = model.headMap(upTo, true);
                    List<Long> expected = new ArrayList<>(head.values());
                    head.clear();
                    assertThat(map.removeUpTo(upTo, taken::add)).isEqualTo(expected.size());
                    assertThat(taken).isEqualTo(expected);
                } else {
                    long tag = Math.max(1, next - 1 - random.nextInt(40));
                    assertThat(map.put(tag, -tag)).isEqualTo(model.put(tag, -tag));
                }
                assertThat(map.size()).isEqualTo(model.size());
                if (!model.isEmpty()) {
                    assertThat(map.firstTag()).isEqualTo(model.firstKey());
                    assertThat(map.get(model.lastKey())).isEqualTo(model.lastEntry().getValue());
                }
            }
            assertThat(map.values()).isEqualTo(new ArrayList<>(model.values()));
        }
    }
}
