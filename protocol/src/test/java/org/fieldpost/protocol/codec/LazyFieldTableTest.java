package org.fieldpost.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldpost.protocol.codec.Bytes.ascii;
import static org.fieldpost.protocol.codec.Bytes.hex;

import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fieldpost.protocol.BasicProperties;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.junit.jupiter.api.Test;

/** Headers decoded from an owned array: checked on receipt, decoded on first use, the same map in the end. */
class LazyFieldTableTest {

    private static BasicProperties withHeaders(Map<String, Object> headers) {
        return BasicProperties.builder().contentType("text/plain").headers(headers).deliveryMode(2)
            .messageId("ID:1").timestamp(7L).build();
    }

    @Test
    void headersStayUndecodedUntilUsedAndThenEqualTheEagerDecoding() throws ProtocolException {
        byte[] encoded = PropertiesCodec.encode(withHeaders(SampleMethods.table(3)));

        BasicProperties lazy = PropertiesCodec.decode(encoded, true);
        BasicProperties eager = PropertiesCodec.decode(Unpooled.wrappedBuffer(encoded));

        assertThat(lazy.headers()).isInstanceOf(LazyFieldTable.class);
        assertThat(((LazyFieldTable) lazy.headers()).undecoded()).isTrue();
        assertThat(lazy.contentType()).isEqualTo("text/plain");
        assertThat(lazy.messageId()).isEqualTo("ID:1");
        assertThat(lazy.headers()).usingRecursiveComparison().isEqualTo(eager.headers());
        assertThat(lazy.headers().keySet()).containsExactlyElementsOf(eager.headers().keySet());
        assertThat(((LazyFieldTable) lazy.headers()).undecoded()).isFalse();
        assertThat(PropertiesCodec.encode(lazy)).isEqualTo(encoded);
        assertThat(PropertiesCodec.decode(encoded, false).headers()).as("a client's decoding")
            .isNotInstanceOf(LazyFieldTable.class).usingRecursiveComparison().isEqualTo(eager.headers());
    }

    @Test
    void valueOfReadsOneHeaderWithoutDecodingTheTable() throws ProtocolException {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("x-jms-body", "text");
        headers.put("x-delivery-time", 1_700_000_000_123L);
        headers.put("nested", Map.of("x-delivery-time", 5L));
        headers.put("list", List.of(1, "two", Map.of()));
        headers.put("x-delivery-tim", 9L);
        headers.put("nothing", null);
        BasicProperties properties = PropertiesCodec.decode(PropertiesCodec.encode(withHeaders(headers)), true);
        LazyFieldTable table = (LazyFieldTable) properties.headers();

        assertThat(LazyFieldTable.valueOf(table, "x-delivery-time")).isEqualTo(1_700_000_000_123L);
        assertThat(LazyFieldTable.valueOf(table, "x-jms-body")).isEqualTo("text");
        assertThat(LazyFieldTable.valueOf(table, "x-delivery-t")).isNull();
        assertThat(LazyFieldTable.valueOf(table, "nothing")).isNull();
        assertThat(LazyFieldTable.valueOf(table, "absent")).isNull();
        assertThat(table.undecoded()).as("only scanned").isTrue();

        assertThat(LazyFieldTable.valueOf(Map.of("a", 1), "a")).as("any other map").isEqualTo(1);
        assertThat(LazyFieldTable.valueOf(null, "a")).isNull();
    }

    @Test
    void aRepeatedNameGivesItsLastValueScannedOrDecoded() throws ProtocolException {
        // flags: headers only; a table naming "k" twice, then "é" (non-ASCII, UTF-8 c3a9)
        String table = "01" + ascii("k") + "49" + "00000001" + "01" + ascii("k") + "49" + "00000002"
            + "02" + "c3a9" + "49" + "00000003";
        byte[] encoded = hex("2000" + String.format("%08x", hex(table).length) + table);

        LazyFieldTable scanned = (LazyFieldTable) PropertiesCodec.decode(encoded, true).headers();
        assertThat(LazyFieldTable.valueOf(scanned, "k")).isEqualTo(2);
        assertThat(LazyFieldTable.valueOf(scanned, "é")).as("a non-ASCII name decodes the table").isEqualTo(3);
        assertThat(scanned.undecoded()).isFalse();
        assertThat(LazyFieldTable.valueOf(scanned, "k")).as("from the decoded map").isEqualTo(2);
        assertThat(scanned).containsExactly(Map.entry("k", 2), Map.entry("é", 3));
    }

    @Test
    void anEmptyTableIsTheEmptyMapAndAbsentHeadersStayNull() throws ProtocolException {
        assertThat(PropertiesCodec.decode(PropertiesCodec.encode(withHeaders(Map.of())), true).headers())
            .isSameAs(Collections.emptyMap());
        assertThat(PropertiesCodec.decode(PropertiesCodec.encode(withHeaders(null)), true).headers()).isNull();
    }

    @Test
    void theDecodedMapIsUnmodifiable() throws ProtocolException {
        Map<String, Object> headers = PropertiesCodec.decode(
            PropertiesCodec.encode(withHeaders(Map.of("a", 1))), true).headers();

        assertThatThrownBy(() -> headers.put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> headers.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> headers.entrySet().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void octetsAfterTheLastPropertyAreASyntaxError() {
        byte[] encoded = PropertiesCodec.encode(withHeaders(Map.of("a", 1)));
        byte[] longer = Arrays.copyOf(encoded, encoded.length + 2);

        assertThatThrownBy(() -> PropertiesCodec.decode(longer, true)).isInstanceOf(ProtocolException.class)
            .hasMessageContaining("2 octets follow the last property");
    }

    /**
     * The check on receipt must refuse exactly what the full decoding refuses, with the same reply:
     * otherwise a malformed table would be accepted, stored and forwarded, and fail later.
     */
    @Test
    void everyCorruptionFailsTheCheckExactlyAsItFailsTheFullDecoding() {
        Random random = new Random(20261130L);
        int failures = 0;
        for (int sample = 0; sample < 3_000; sample++) {
            byte[] encoded = PropertiesCodec.encode(withHeaders(SampleMethods.table(sample % 4)));
            byte[] corrupt = corrupt(encoded, random);
            ProtocolException eager = null;
            BasicProperties eagerProperties = null;
            var eagerIn = Unpooled.wrappedBuffer(corrupt);
            try {
                eagerProperties = PropertiesCodec.decode(eagerIn);
            } catch (ProtocolException e) {
                eager = e;
            }
            if (eager == null && eagerIn.isReadable()) {
                continue; // the lazy form refuses trailing octets; covered above
            }
            if (eager != null) {
                failures++;
                String text = eager.error().text();
                assertThatThrownBy(() -> PropertiesCodec.decode(corrupt, true)).as("sample %d", sample)
                    .isInstanceOfSatisfying(ProtocolException.class, lazy -> {
                        assertThat(lazy.error().code()).isEqualTo(ReplyCode.SYNTAX_ERROR);
                        assertThat(lazy.error().text()).isEqualTo(text);
                    });
            } else {
                BasicProperties lazy = decodeQuietly(corrupt);
                assertThat(lazy).as("sample %d", sample).usingRecursiveComparison().isEqualTo(eagerProperties);
            }
        }
        assertThat(failures).as("corruptions the decoder refused").isGreaterThan(500);
    }

    private static byte[] corrupt(byte[] encoded, Random random) {
        byte[] copy = encoded.clone();
        switch (random.nextInt(3)) {
            case 0 -> copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
            case 1 -> copy = Arrays.copyOf(copy, random.nextInt(copy.length));
            default -> {
                int at = 2 + random.nextInt(copy.length - 2);
                copy[at] = (byte) "tbBsuIilfdDSxATFVZ\u00ff".charAt(random.nextInt(19));
            }
        }
        return copy;
    }

    private static BasicProperties decodeQuietly(byte[] encoded) {
        try {
            return PropertiesCodec.decode(encoded, true);
        } catch (ProtocolException e) {
            throw new AssertionError("the check refused what the decoder accepted: " + e.getMessage(), e);
        }
    }

    @Test
    void malformedNamesTypesTimestampsAndNestingAreRefusedOnReceipt() {
        String badName = "02" + "c328" + "56";
        String unknownType = "01" + ascii("a") + "5a";
        String farTimestamp = "01" + ascii("t") + "54" + "7fffffffffffffff";
        StringBuilder deep = new StringBuilder("56");
        for (int i = 0; i < FieldTables.MAX_DEPTH + 1; i++) {
            deep.insert(0, "41" + String.format("%08x", hex(deep.toString()).length));
        }
        String tooDeep = "01" + ascii("d") + deep;

        for (String table : List.of(badName, unknownType, farTimestamp, tooDeep)) {
            byte[] encoded = hex("2000" + String.format("%08x", hex(table).length) + table);
            assertThatThrownBy(() -> PropertiesCodec.decode(encoded, true)).as(table)
                .isInstanceOfSatisfying(ProtocolException.class,
                    e -> assertThat(e.error().code()).isEqualTo(ReplyCode.SYNTAX_ERROR));
        }
    }

    @Test
    void threadsDecodingAtOnceSeeEqualMaps() throws Exception {
        BasicProperties eager = PropertiesCodec.decode(Unpooled.wrappedBuffer(
            PropertiesCodec.encode(withHeaders(SampleMethods.table(2)))));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 200; round++) {
                Map<String, Object> shared = PropertiesCodec.decode(PropertiesCodec.encode(eager), true).headers();
                CyclicBarrier start = new CyclicBarrier(4);
                List<Future<Map<String, Object>>> seen = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    Callable<Map<String, Object>> read = () -> {
                        start.await();
                        return stripNulls(shared);
                    };
                    seen.add(pool.submit(read));
                }
                for (Future<Map<String, Object>> f : seen) {
                    assertThat(f.get()).usingRecursiveComparison().isEqualTo(stripNulls(eager.headers()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A copy of {@code table} to compare, its null values ('V') shown as text. */
    private static Map<String, Object> stripNulls(Map<String, Object> table) {
        Map<String, Object> copy = new LinkedHashMap<>();
        table.forEach((k, v) -> copy.put(k, v == null ? "null" : v));
        return copy;
    }
}
