package io.jwsp.testkit;

import io.jwsp.spi.WspProviderFactory;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/** The runs of an {@link EachProvider} method: one per provider, named after it. */
final class EachProviderInvocations implements TestTemplateInvocationContextProvider {
    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, EachProvider.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        EachProvider each = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), EachProvider.class)
                .orElseThrow();
        return Arrays.stream(each.value()).map(Run::new);
    }

    /** One run: its display name is the provider's name, and it tells the extension which provider to build. */
    private record Run(Class<? extends WspProviderFactory> factory) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + ReflectionSupport.newInstance(factory).name() + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of((BeforeEachCallback) context -> JwspExtension.startWith(context, factory));
        }
    }
}
