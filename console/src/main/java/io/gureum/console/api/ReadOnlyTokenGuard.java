package io.gureum.console.api;

import io.gureum.console.api.ApiTokenEvents.ReadOnlyTokenRefused;
import io.gureum.console.identity.TokenAuthentication;
import java.lang.reflect.Method;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.annotation.Transactional;

/**
 * The service layer's backstop for read-only API tokens: a facade method that may write (a {@code @Transactional}
 * that is not read-only) refuses a caller signed in with a read-only token before it runs. Project roles already cap
 * such a token at viewer ({@code ProjectAccess}); this also covers administrator facades (hosts, users, images,
 * quotas) and any facade added later. The audit log stays writable: each refusal is recorded.
 */
@Configuration(proxyBeanMethods = false)
class ReadOnlyTokenGuard {

    private static final String CONSOLE = "io.gureum.console.";
    private static final String AUDIT = "io.gureum.console.audit.";

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor readOnlyTokenAdvisor(ObjectProvider<ApplicationEventPublisher> events) {
        MethodInterceptor refuse = invocation -> {
            Authentication caller = SecurityContextHolder.getContext().getAuthentication();
            if (caller instanceof TokenAuthentication token && token.readOnly()) {
                Method method = invocation.getMethod();
                events.getObject().publishEvent(new ReadOnlyTokenRefused(token.tokenName(),
                        method.getDeclaringClass().getSimpleName() + "." + method.getName()));
                throw new AccessDeniedException("The API token " + token.tokenName()
                        + " is read-only: it cannot change anything.");
            }
            return invocation.proceed();
        };
        return new DefaultPointcutAdvisor(new WritingMethods(), refuse);
    }

    /** Console methods whose transaction may write. */
    static final class WritingMethods extends StaticMethodMatcherPointcut {

        @Override
        public boolean matches(Method method, Class<?> targetClass) {
            String type = targetClass.getName();
            if (!type.startsWith(CONSOLE) || type.startsWith(AUDIT)) {
                return false;
            }
            Transactional transactional = AnnotatedElementUtils.findMergedAnnotation(
                    AopUtils.getMostSpecificMethod(method, targetClass), Transactional.class);
            if (transactional == null) {
                transactional = AnnotatedElementUtils.findMergedAnnotation(targetClass, Transactional.class);
            }
            return transactional != null && !transactional.readOnly();
        }
    }
}
