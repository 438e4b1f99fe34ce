package org.fieldpost.broker.store;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The identity of an XA transaction branch, as in {@code javax.transaction.xa.Xid}.
 *
 * @param formatId format identifier
 * @param globalId global transaction id, at most 64 bytes
 * @param branchQualifier branch qualifier, at most 64 bytes
 */
public record BranchId(int formatId, byte[] globalId, byte[] branchQualifier) {

    public BranchId {
        globalId = globalId.clone();
        branchQualifier = branchQualifier.clone();
    }

    @Override
    public byte[] globalId() {
        return globalId.clone();
    }

    @Override
    public byte[] branchQualifier() {
        return branchQualifier.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BranchId b && formatId == b.formatId && Arrays.equals(globalId, b.globalId)
            && Arrays.equals(branchQualifier, b.branchQualifier);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * formatId + Arrays.hashCode(globalId)) + Arrays.hashCode(branchQualifier);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "BranchId[" + formatId + ":" + hex.formatHex(globalId) + ":" + hex.formatHex(branchQualifier) + "]";
    }
}
