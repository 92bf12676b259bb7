package dev.cim.persistence.autoconfigure;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.cim.persistence.eventroute.EventRoute;
import dev.cim.persistence.eventroute.EventRouteHandler;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Finds the {@link EventRoute @EventRoute} methods of every bean as it is initialized and
 * keeps them as handlers. A method whose signature or pattern is not valid fails the
 * bean's creation, naming the bean and the method.
 */
final class EventRouteMethodsPostProcessor implements BeanPostProcessor {

	private final List<EventRouteHandler> handlers = new ArrayList<>();

	private final Set<Class<?>> withoutRoutes = ConcurrentHashMap.newKeySet();

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		if (this.withoutRoutes.contains(targetClass)
				|| !AnnotationUtils.isCandidateClass(targetClass, EventRoute.class)) {
			return bean;
		}
		Map<Method, EventRoute> methods = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<EventRoute>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, EventRoute.class));
		if (methods.isEmpty()) {
			this.withoutRoutes.add(targetClass);
			return bean;
		}
		List<EventRouteHandler> found = new ArrayList<>();
		methods.forEach((method, route) -> {
			Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
			try {
				found.add(EventRouteHandler.of(beanName, bean, invocable, route));
			}
			catch (IllegalArgumentException ex) {
				throw new BeanInitializationException(ex.getMessage(), ex);
			}
		});
		synchronized (this.handlers) {
			this.handlers.addAll(found);
		}
		return bean;
	}

	/**
	 * The handlers found so far.
	 * @return the handlers
	 */
	List<EventRouteHandler> handlers() {
		synchronized (this.handlers) {
			return List.copyOf(this.handlers);
		}
	}

}
