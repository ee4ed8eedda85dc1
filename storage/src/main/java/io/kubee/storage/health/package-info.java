/**
 * MicroProfile Health checks of the control plane. They live in this EAR lib jar because WildFly
 * ignores health checks inside EAR sub-deployments (PLATFORM.md, gotcha 2).
 */
package io.kubee.storage.health;
