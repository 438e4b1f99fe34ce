package org.fieldpost.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldpost.protocol.codec.Bytes.ascii;
import static org.fieldpost.protocol.codec.Bytes.buffer;
import static org.fieldpost.protocol.codec.Bytes.hexOf;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldpost.protocol.ProtocolException;
import org.fieldpost.protocol.ReplyCode;
import org.junit.jupiter.api.Test;

class FieldTablesTest {

    @Test
    void everyEncodableTypeRoundTripsInOrder() throws ProtocolException {
        Map<String, Object> table = SampleMethods.table(1);

        Map<String, Object> decoded = roundTrip(table);

        assertThat(decoded).usingRecursiveComparison().isEqualTo(table);
        assertThat(decoded.keySet()).containsExactlyElementsOf(table.keySet());
    }

    @Test
    void eachTypeHasItsTypeOctet() {
        assertThat(encodedValue(true)).isEqualTo("74" + "01");
        assertThat(encodedValue((byte) -1)).isEqualTo("62" + "ff");
        assertThat(encodedValue((short) -2)).isEqualTo("73" + "fffe");
        assertThat(encodedValue(-3)).isEqualTo("49" + "fffffffd");
        assertThat(encodedValue(-4L)).isEqualTo("6c" + "fffffffffffffffc");
        assertThat(encodedValue(1.0f)).isEqualTo("66" + "3f800000");
        assertThat(encodedValue(1.0)).isEqualTo("64" + "3ff0000000000000");
        assertThat(encodedValue(new BigDecimal("-1.05"))).isEqualTo("44" + "02" + "ffffff97");
        assertThat(encodedValue("hé")).isEqualTo("53" + "00000003" + "68c3a9");
        assertThat(encodedValue(new byte[] {7})).isEqualTo("78" + "00000001" + "07");
        assertThat(encodedValue(List.of(1))).isEqualTo("41" + "00000005" + "49" + "00000001");
        assertThat(encodedValue(new Object[] {null})).isEqualTo("41" + "00000001" + "56");
        assertThat(encodedValue(new Date(1_500L))).isEqualTo("54" + "0000000000000001");
        assertThat(encodedValue(Map.of())).isEqualTo("46" + "00000000");
        assertThat(encodedValue(null)).isEqualTo("56");
    }

    @Test
    void unsignedTypesWidenOnReadAndReEncodeSigned() throws ProtocolException {
        // B 0xff, u 0xffff, i 0xffffffff
        Map<String, Object> decoded = FieldTables.readTable(buffer(
            "00000014" + "01" + ascii("a") + "42ff" + "01" + ascii("b") + "75ffff" + "01" + ascii("c") + "69ffffffff"
                + "01" + ascii("d") + "4201"));

        assertThat(decoded).containsExactly(
            Map.entry("a", (short) 255), Map.entry("b", 65_535), Map.entry("c", 4_294_967_295L),
            Map.entry("d", (short) 1));
        assertThat(encodedValue(decoded.get("a"))).startsWith("73");
        assertThat(encodedValue(decoded.get("b"))).startsWith("49");
        assertThat(encodedValue(decoded.get("c"))).startsWith("6c");
    }

    @Test
    void nestedTablesAndArraysRoundTrip() throws ProtocolException {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("list", List.of(List.of(1, 2), Map.of("k", "v"), new byte[] {1}));
        Map<String, Object> table = Map.of("outer", inner, "empty", List.of(), "emptyTable", Map.of());

        assertThat(roundTrip(table)).usingRecursiveComparison().isEqualTo(table);
    }

    @Test
    void arraysRoundTripOnTheirOwn() throws ProtocolException {
        List<Object> array = new ArrayList<>(List.of("a", 1, 2L, true));
        array.add(null);
        ByteBuf buf = Unpooled.buffer();

        FieldTables.writeArray(array, buf);

        assertThat(FieldTables.readArray(buf)).isEqualTo(array);
        assertThat(buf.isReadable()).isFalse();
    }

    @Test
    void decimalsKeepScaleAndNegativeScalesAreNormalised() throws ProtocolException {
        Map<String, Object> decoded = roundTrip(Map.of("a", new BigDecimal("2.500"), "b", new BigDecimal("5E+3")));

        assertThat(decoded.get("a")).isEqualTo(new BigDecimal("2.500"));
        assertThat(decoded.get("b")).isEqualTo(new BigDecimal("5000"));
    }

    @Test
    void datesLoseTheirSubSecondPart() throws ProtocolException {
        assertThat(roundTrip(Map.of("t", new Date(-1_500L))).get("t")).isEqualTo(new Date(-2_000L));
    }

    @Test
    void nullTableIsWrittenEmptyAndDecodedTablesAreUnmodifiable() throws ProtocolException {
        ByteBuf buf = Unpooled.buffer();
        FieldTables.writeTable(null, buf);

        assertThat(hexOf(buf)).isEqualTo("00000000");
        Map<String, Object> decoded = FieldTables.readTable(buffer("00000004 01 61 74 01"));
        assertThatThrownBy(() -> decoded.put("b", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(decoded.get(null)).isNull();
    }

    @Test
    void repeatedNameKeepsTheLastValue() throws ProtocolException {
        Map<String, Object> decoded = FieldTables.readTable(buffer("00000008 01 61 7401 01 61 7400"));

        assertThat(decoded).containsExactly(Map.entry("a", false));
    }

    @Test
    void longStringsThatAreNotUtf8DecodeWithReplacement() throws ProtocolException {
        Map<String, Object> decoded = FieldTables.readTable(buffer("00000008 01 61 53 00000001 ff"));

        assertThat(decoded.get("a")).isEqualTo("\uFFFD");
    }

    @Test
    void unknownTypeOctetIsASyntaxError() {
        assertSyntaxError("00000004 01 61 55 00", "0x55");
        assertSyntaxError("00000003 01 61 00", "0x00");
    }

    @Test
    void truncatedInputIsASyntaxError() {
        assertSyntaxError("000000", "truncated");
        assertSyntaxError("00000010 01 61", "truncated");
        assertSyntaxError("00000003 01 61 49", "truncated");
        assertSyntaxError("00000003 05 61 49", "truncated");
        assertSyntaxError("00000007 01 61 53 00000009", "truncated");
        assertSyntaxError("00000006 01 61 41 00000001", "truncated");
        assertSyntaxError("00000007 01 61 44 0100 0000", "truncated");
    }

    @Test
    void fieldNameThatIsNotUtf8IsASyntaxError() {
        assertSyntaxError("00000004 01 ff 7401", "UTF-8");
    }

    @Test
    void outOfRangeTimestampIsASyntaxError() {
        assertSyntaxError("0000000b 01 61 54 7fffffffffffffff", "timestamp");
    }

    @Test
    void nestingIsBoundedOnReadAndWrite() {
        ByteBuf deep = Unpooled.buffer();
        int levels = FieldTables.MAX_DEPTH + 1;
        for (int i = 0; i < levels; i++) {
            deep.writeInt((levels - 1 - i) * 7);
            if (i < levels - 1) {
                deep.writeByte(1).writeByte('a').writeByte('F');
            }
        }
        assertThatThrownBy(() -> FieldTables.readTable(deep))
            .isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.error().code()).isEqualTo(ReplyCode.SYNTAX_ERROR));

        Map<String, Object> cycle = new HashMap<>();
        cycle.put("self", cycle);
        assertThatThrownBy(() -> FieldTables.writeTable(cycle, Unpooled.buffer()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nest");
    }

    @Test
    void valuesWithoutAFieldTypeAreRejectedAndTheBufferIsLeftAsItWas() {
        ByteBuf buf = Unpooled.buffer();
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("ok", 1);
        table.put("bad", 'c');

        assertThatThrownBy(() -> FieldTables.writeTable(table, buf))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Character");
        assertThat(buf.writerIndex()).isZero();
        assertThatThrownBy(() -> FieldTables.writeArray(List.of(new int[] {1}), buf))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldTables.writeTable(Map.of("n", Map.of(1, 2)), buf))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a String");
        assertThatThrownBy(() -> FieldTables.writeTable(Map.of("d", new BigDecimal("1e-256")), buf))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decimal");
        assertThatThrownBy(() -> FieldTables.writeTable(Map.of("d", new BigDecimal("3000000000")), buf))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decimal");
        assertThatThrownBy(() -> FieldTables.writeTable(Map.of("k".repeat(256), 1), buf))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("255");
        assertThat(buf.writerIndex()).isZero();
    }

    private static Map<String, Object> roundTrip(Map<String, Object> table) throws ProtocolException {
        ByteBuf buf = Unpooled.buffer();
        FieldTables.writeTable(table, buf);
        Map<String, Object> decoded = FieldTables.readTable(buf);
        assertThat(buf.isReadable()).isFalse();
        return decoded;
    }

    /** The octets of {@code value} inside a one-entry table named "v", starting at its type octet. */
    private static String encodedValue(Object value) {
        Map<String, Object> table = new HashMap<>();
        table.put("v", value);
        ByteBuf buf = Unpooled.buffer();
        FieldTables.writeTable(table, buf);
        return hexOf(buf.skipBytes(4 + 2));
    }

    private static void assertSyntaxError(String hex, String text) {
        assertThatThrownBy(() -> FieldTables.readTable(buffer(hex)))
            .isInstanceOfSatisfying(ProtocolException.class, e -> {
                assertThat(e.error().code()).isEqualTo(ReplyCode.SYNTAX_ERROR);
                assertThat(e.error().text()).contains(text);
            });
    }
}
