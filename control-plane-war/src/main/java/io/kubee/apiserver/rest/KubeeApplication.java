package io.kubee.apiserver.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The apiserver's JAX-RS application, at the root of the server (/api, /apis, /version). */
@ApplicationPath("/")
public class KubeeApplication extends Application {}
