package org.fieldpost.tck;

import com.sun.ts.lib.util.TestUtil;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes the TCK's {@code TestUtil} log reach standard output (and so the per-class output files):
 * until {@code TestUtil.initJavaTest()} is called it keeps its log in memory for a remote harness
 * that never comes. Also marks where each test begins and ends in that output.
 *
 * <p>Registered in {@code META-INF/services/org.junit.jupiter.api.extension.Extension}, applied to
 * every test class because the {@code tck} profile enables extension autodetection.
 */
public final class TckLogExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        TestUtil.initJavaTest();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TestUtil.logHarness(TckLogExcerpts.BEGIN + context.getRequiredTestMethod().getName());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        String outcome = context.getExecutionException().map(e -> "FAILED: " + e).orElse("passed");
        TestUtil.logHarness(TckLogExcerpts.END + context.getRequiredTestMethod().getName() + ": " + outcome);
    }
}
