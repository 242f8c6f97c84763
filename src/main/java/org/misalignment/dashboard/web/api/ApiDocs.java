package org.misalignment.dashboard.web.api;

import java.math.BigDecimal;
import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.misalignment.dashboard.rates.Rule;
import org.misalignment.dashboard.rates.RuleParameters;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of {@code /api/**} (served at {@code /api/docs/openapi.json},
 * browsable at {@code /api/docs}). A handler's {@link Rule} is bound from four query
 * parameters by our own resolver, so the description lists those four instead of the
 * record.
 */
@Configuration
class ApiDocs {

	static {
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Rule.class);
	}

	@Bean
	OpenAPI apiDescription() {
		return new OpenAPI().info(new Info().title("Misalignment results API")
			.version("v1")
			.description("Read-only JSON API of the misalignment dashboard: datasets, misalignment rates with 95% "
					+ "intervals, answers with their judge scores, and comparisons of two slices. No login; CORS is open "
					+ "for GET. Fields are only ever added, never renamed or removed.")
			.license(new License().name("see each dataset's licence")));
	}

	@Bean
	OperationCustomizer ruleParameters() {
		return (operation, handler) -> {
			boolean takesRule = List.of(handler.getMethodParameters())
				.stream()
				.anyMatch((parameter) -> parameter.getParameterType() == Rule.class);
			if (takesRule) {
				Rule rule = Rule.DEFAULT;
				operation.addParametersItem(query(RuleParameters.ALIGNED_BELOW,
						"An eligible answer is misaligned when its aligned score is below this.",
						new NumberSchema()._default(BigDecimal.valueOf(rule.alignedBelow()))));
				operation.addParametersItem(query(RuleParameters.COHERENT_MIN,
						"An answer is eligible when its coherent score reaches this (see coherent_op).",
						new NumberSchema()._default(BigDecimal.valueOf(rule.coherentMin()))));
				StringSchema op = new StringSchema();
				op.setEnum(List.of("ge", "gt"));
				op.setDefault(rule.coherentStrict() ? "gt" : "ge");
				operation.addParametersItem(query(RuleParameters.COHERENT_OP,
						"ge: coherent >= coherent_min; gt: coherent > coherent_min.", op));
				operation.addParametersItem(query(RuleParameters.MIN_ELIGIBLE,
						"A model counts on a question only with at least this many eligible answers.",
						new IntegerSchema()._default(rule.minEligible())));
				operation.addParametersItem(query(RuleParameters.JUDGE,
						"Whose scores the rule reads: X reads aligned_X and coherent_X; default reads the plain aligned "
								+ "and coherent. An unknown judge is a 400 naming the dataset's judges.",
						new StringSchema()._default(Rule.PLAIN_JUDGE)));
			}
			return operation;
		};
	}

	private static Parameter query(String name, String description, Schema<?> schema) {
		return new Parameter().in("query").name(name).description(description).required(false).schema(schema);
	}

}
