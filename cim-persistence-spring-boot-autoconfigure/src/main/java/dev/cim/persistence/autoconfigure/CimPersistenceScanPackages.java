package dev.cim.persistence.autoconfigure;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.annotation.AnnotationAttributes;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * The packages named by {@link CimPersistenceScan @CimPersistenceScan}, held by a bean
 * that {@link CimPersistenceScanner} reads.
 */
final class CimPersistenceScanPackages {

	static final String BEAN = CimPersistenceScanPackages.class.getName();

	private final List<String> packageNames;

	CimPersistenceScanPackages(Collection<String> packageNames) {
		this.packageNames = List.copyOf(packageNames);
	}

	List<String> getPackageNames() {
		return this.packageNames;
	}

	/**
	 * The packages registered in a bean factory.
	 * @param beanFactory the bean factory
	 * @return the packages, or {@code null} when no {@code @CimPersistenceScan} is
	 * present
	 */
	static @Nullable CimPersistenceScanPackages get(BeanFactory beanFactory) {
		return beanFactory.containsBean(BEAN) ? beanFactory.getBean(BEAN, CimPersistenceScanPackages.class) : null;
	}

	/**
	 * Register packages, adding to those already registered.
	 * @param registry the registry
	 * @param packageNames the packages
	 */
	static void register(BeanDefinitionRegistry registry, Collection<String> packageNames) {
		if (registry.containsBeanDefinition(BEAN)
				&& registry.getBeanDefinition(BEAN) instanceof PackagesBeanDefinition existing) {
			existing.add(packageNames);
		}
		else {
			registry.registerBeanDefinition(BEAN, new PackagesBeanDefinition(packageNames));
		}
	}

	/**
	 * Registers the packages of a {@link CimPersistenceScan @CimPersistenceScan}.
	 */
	static class Registrar implements ImportBeanDefinitionRegistrar {

		@Override
		public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
			register(registry, packageNames(metadata));
		}

		private static Set<String> packageNames(AnnotationMetadata metadata) {
			AnnotationAttributes attributes = AnnotationAttributes
				.fromMap(metadata.getAnnotationAttributes(CimPersistenceScan.class.getName()));
			Set<String> packageNames = new LinkedHashSet<>();
			if (attributes != null) {
				packageNames.addAll(List.of(attributes.getStringArray("basePackages")));
				for (Class<?> type : attributes.getClassArray("basePackageClasses")) {
					packageNames.add(ClassUtils.getPackageName(type));
				}
			}
			if (packageNames.isEmpty()) {
				packageNames.add(ClassUtils.getPackageName(metadata.getClassName()));
			}
			return packageNames;
		}

	}

	/**
	 * The bean definition, to which a further annotation adds its packages.
	 */
	static final class PackagesBeanDefinition extends RootBeanDefinition {

		private final Set<String> packageNames = new LinkedHashSet<>();

		PackagesBeanDefinition(Collection<String> packageNames) {
			setBeanClass(CimPersistenceScanPackages.class);
			setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
			add(packageNames);
		}

		@Override
		public Supplier<?> getInstanceSupplier() {
			return () -> new CimPersistenceScanPackages(this.packageNames);
		}

		void add(Collection<String> names) {
			this.packageNames.addAll(names);
		}

	}

}
