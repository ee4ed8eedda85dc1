package io.kubee.node.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;

/**
 * The kubelet API server (HTTPS, --port 10250) and the plain-HTTP health endpoint
 * (--healthz-port 10248, loopback), on Netty.
 */
public final class KubeletServer implements AutoCloseable {
  private final Channel channel;

  private KubeletServer(Channel channel) {
    this.channel = channel;
  }

  /**
   * @param ssl null for plain HTTP (the healthz server)
   */
  public static KubeletServer start(EventLoopGroup boss, EventLoopGroup workers, String address,
      int port, SslContext ssl, KubeletApiContext context, boolean healthzOnly)
      throws InterruptedException {
    ServerBootstrap bootstrap = new ServerBootstrap().group(boss, workers)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            if (ssl != null) {
              ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
            }
            ch.pipeline().addLast(new HttpServerCodec());
            ch.pipeline().addLast(new HttpObjectAggregator(1 << 20));
            ch.pipeline().addLast(new KubeletApiHandler(context, healthzOnly));
          }
        });
    Channel channel = bootstrap.bind(new InetSocketAddress(address, port)).sync().channel();
    return new KubeletServer(channel);
  }

  /** The port it listens on (the chosen one when started on port 0). */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
  }
}
