package io.jwsp.testkit.tck;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The TCK bound to a provider handed to {@link TckRunner} at run time (no subclass written by hand). JUnit builds it
 * with the {@link ProviderUnderTest} the runner registered for this run.
 */
@ExtendWith(SelftestTck.RunResolver.class)
public class SelftestTck extends ProviderTck {
    private final ProviderUnderTest subject;

    public SelftestTck(ProviderUnderTest subject) {
        this.subject = subject;
    }

    @Override
    protected ProviderUnderTest provider() {
        return subject;
    }

    /** Resolves the constructor's parameter from the run's configuration parameter. */
    public static final class RunResolver implements org.junit.jupiter.api.extension.ParameterResolver {
        @Override
        public boolean supportsParameter(org.junit.jupiter.api.extension.ParameterContext p,
                                         org.junit.jupiter.api.extension.ExtensionContext e) {
            return p.getParameter().getType() == ProviderUnderTest.class
                    && p.getDeclaringExecutable() instanceof java.lang.reflect.Constructor<?>;
        }

        @Override
        public Object resolveParameter(org.junit.jupiter.api.extension.ParameterContext p,
                                       org.junit.jupiter.api.extension.ExtensionContext e) {
            String run = e.getConfigurationParameter(TckRunner.RUN_PARAMETER).orElseThrow(() ->
                    new org.junit.jupiter.api.extension.ParameterResolutionException(
                            "SelftestTck runs only through TckRunner (no " + TckRunner.RUN_PARAMETER + ")"));
            ProviderUnderTest subject = TckRunner.subjectOf(run);
            if (subject == null) {
                throw new org.junit.jupiter.api.extension.ParameterResolutionException("no TCK run " + run);
            }
            return subject;
        }
    }
}
