package org.fieldpost.jms;

import jakarta.jms.ConnectionMetaData;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.fieldpost.jms.amqp.Version;
import org.fieldpost.protocol.jms.JmsHeaders;

/** What {@code Connection.getMetaData()} returns: Jakarta Messaging 3.1, provider Fieldpost. Immutable. */
final class JmsConnectionMetaData implements ConnectionMetaData {
    static final JmsConnectionMetaData INSTANCE = new JmsConnectionMetaData();

    private static final List<String> JMSX_PROPERTIES = List.of(JmsHeaders.JMSX_DELIVERY_COUNT,
        JmsHeaders.JMSX_GROUP_ID, JmsHeaders.JMSX_GROUP_SEQ);

    private JmsConnectionMetaData() {
    }

    @Override
    public String getJMSVersion() {
        return "3.1";
    }

    @Override
    public int getJMSMajorVersion() {
        return 3;
    }

    @Override
    public int getJMSMinorVersion() {
        return 1;
    }

    @Override
    public String getJMSProviderName() {
        return "Fieldpost";
    }

    @Override
    public String getProviderVersion() {
        return Version.VERSION;
    }

    @Override
    public int getProviderMajorVersion() {
        return versionPart(0);
    }

    @Override
    public int getProviderMinorVersion() {
        return versionPart(1);
    }

    private static int versionPart(int index) {
        String[] parts = Version.VERSION.split("[.-]");
        try {
            return parts.length > index ? Integer.parseInt(parts[index]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public Enumeration<String> getJMSXPropertyNames() {
        return Collections.enumeration(JMSX_PROPERTIES);
    }
}
