package org.minbar.newsroom;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.minbar.taxonomy.TaxonomyService;

/** The id of an existing section, or none. */
@Constraint(validatedBy = KnownSection.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@interface KnownSection {

    String message() default "القسم المختار غير موجود: اختر قسماً من القائمة.";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Made by Spring's validator factory, which gives it the taxonomy. */
    class Check implements ConstraintValidator<KnownSection, Long> {

        private final TaxonomyService taxonomy;

        Check(TaxonomyService taxonomy) {
            this.taxonomy = taxonomy;
        }

        @Override
        public boolean isValid(Long id, ConstraintValidatorContext context) {
            return id == null || taxonomy.section(id).isPresent();
        }
    }
}
