package io.httplib.spring.boot.autoconfigure;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** The whole of Spring Boot's auto-configuration, as an application gets it. */
@SpringBootConfiguration
@EnableAutoConfiguration
class TestApplication {

}
