/** CDI wiring of the storage for the control plane EAR (the jar sits in the EAR's lib/). */
package io.kubee.storage.cdi;
