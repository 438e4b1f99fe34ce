package org.fieldpost.protocol.method;

/** The methods of AMQP class {@code tx} (90): standard local transactions. */
public final class AmqpTx {
    public static final int CLASS_ID = 90;

    private AmqpTx() {
    }

    @MethodSpec(classId = CLASS_ID, methodId = 10, name = "tx.select")
    public record Select() implements AmqpMethod {
    }

    @MethodSpec(classId = CLASS_ID, methodId = 11, name = "tx.select-ok")
    public record SelectOk() implements AmqpMethod {
    }

    @MethodSpec(classId = CLASS_ID, methodId = 20, name = "tx.commit")
    public record Commit() implements AmqpMethod {
    }

    @MethodSpec(classId = CLASS_ID, methodId = 21, name = "tx.commit-ok")
    public record CommitOk() implements AmqpMethod {
    }

    @MethodSpec(classId = CLASS_ID, methodId = 30, name = "tx.rollback")
    public record Rollback() implements AmqpMethod {
    }

    @MethodSpec(classId = CLASS_ID, methodId = 31, name = "tx.rollback-ok")
    public record RollbackOk() implements AmqpMethod {
    }
}
