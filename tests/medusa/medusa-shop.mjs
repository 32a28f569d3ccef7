// The test shop made through Medusa's own admin API (each call runs Medusa's workflows): a
// Polish region with 23 % VAT, a warehouse shipping by courier with a return option, a mug
// in stock, a storefront key; then a customer who registers and buys mugs, and an admin
// who captures the payment, ships the parcel and marks it delivered.

const ORDER_FIELDS = [
  'id', 'display_id', 'status', 'email', 'currency_code', 'created_at', 'customer_id', 'total',
  'subtotal', 'tax_total', 'item_total', 'shipping_total', 'payment_status', 'fulfillment_status',
  '*items', '*items.tax_lines', '*items.detail', '*customer', '*shipping_address', '*fulfillments',
  '*shipping_methods', '*payment_collections', '*payment_collections.payments',
  '*payment_collections.payments.refunds', '*returns', '*returns.items', 'summary',
].join(',');

export async function setUpShop({ call, auth }, adminEmail, adminPassword) {
  ({ token: auth.admin } = await call('POST', '/auth/user/emailpass',
                                       { email: adminEmail, password: adminPassword }, { as: 'none' }));
  const { stores: [store] } = await call('GET', '/admin/stores');
  await call('POST', `/admin/stores/${store.id}`, {
    supported_currencies: [{ currency_code: 'pln', is_default: true }],
  });
  const salesChannel = store.default_sales_channel_id;
  const { region } = await call('POST', '/admin/regions', {
    name: 'Polska', currency_code: 'pln', countries: ['pl'], automatic_taxes: true,
    payment_providers: ['pp_system_default'],
  });
  await call('POST', '/admin/tax-regions', {
    country_code: 'pl', provider_id: 'tp_system',
    default_tax_rate: { rate: 23, code: 'VAT23', name: 'VAT 23%' },
  });
  const { stock_location: warehouse } = await call('POST', '/admin/stock-locations', {
    name: 'Magazyn Warszawa',
    address: { address_1: 'ul. Prosta 1', city: 'Warszawa', country_code: 'pl', postal_code: '00-850' },
  });
  await call('POST', `/admin/stock-locations/${warehouse.id}/sales-channels`, { add: [salesChannel] });
  await call('POST', `/admin/stock-locations/${warehouse.id}/fulfillment-providers`, { add: ['manual_manual'] });
  await call('POST', `/admin/stock-locations/${warehouse.id}/fulfillment-sets`, { name: 'Wysyłka', type: 'shipping' });
  const { stock_location: withSets } = await call('GET', `/admin/stock-locations/${warehouse.id}?fields=*fulfillment_sets`);
  const { fulfillment_set: set } = await call(
    'POST', `/admin/fulfillment-sets/${withSets.fulfillment_sets[0].id}/service-zones`,
    { name: 'Polska', geo_zones: [{ type: 'country', country_code: 'pl' }] });
  const zone = set.service_zones[0].id;
  const { shipping_profiles: [profile] } = await call('GET', '/admin/shipping-profiles');
  const shippingOption = (name, code, amount, isReturn) => call('POST', '/admin/shipping-options', {
    name, service_zone_id: zone, shipping_profile_id: profile.id, provider_id: 'manual_manual',
    price_type: 'flat', type: { label: name, description: name, code },
    prices: [{ currency_code: 'pln', amount }],
    rules: [{ attribute: 'enabled_in_store', operator: 'eq', value: 'true' },
            { attribute: 'is_return', operator: 'eq', value: String(isReturn) }],
    data: { id: code },
  });
  const { shipping_option: courier } = await shippingOption('Kurier', 'courier', 15, false);
  const { shipping_option: returns } = await shippingOption('Zwrot', 'return', 0, true);
  const { product } = await call('POST', '/admin/products', {
    title: 'Kubek ceramiczny', status: 'published', shipping_profile_id: profile.id,
    options: [{ title: 'Kolor', values: ['Czerwony'] }],
    variants: [{ title: 'Czerwony', sku: 'KUBEK-RED-001', manage_inventory: true,
                 options: { Kolor: 'Czerwony' }, prices: [{ currency_code: 'pln', amount: 49.99 }] }],
    sales_channels: [{ id: salesChannel }],
  });
  const variant = product.variants[0];
  const { variant: stocked } = await call('GET', `/admin/products/${product.id}/variants/${variant.id}?fields=*inventory_items`);
  const inventoryItem = stocked.inventory_items[0].inventory_item_id;
  await call('POST', `/admin/inventory-items/${inventoryItem}/location-levels`,
             { location_id: warehouse.id, stocked_quantity: 100000 });
  const { api_key: key } = await call('POST', '/admin/api-keys', { title: 'Sklep', type: 'publishable' });
  await call('POST', `/admin/api-keys/${key.id}/sales-channels`, { add: [salesChannel] });
  auth.publishableKey = key.token;
  return { region: region.id, salesChannel, warehouse: warehouse.id, courier: courier.id,
           returnOption: returns.id, variant: variant.id, inventoryItem };
}

export async function placeDeliveredOrder({ call, auth }, shop, email, quantity = 2) {
  ({ token: auth.customer } = await call('POST', '/auth/customer/emailpass/register',
                                          { email, password: 'haslo-testowe-123' }, { as: 'none' }));
  await call('POST', '/store/customers',
             { email, first_name: 'Jan', last_name: 'Kowalski', phone: '+48500600700' }, { as: 'customer' });
  ({ token: auth.customer } = await call('POST', '/auth/customer/emailpass',
                                          { email, password: 'haslo-testowe-123' }, { as: 'none' }));
  const address = { first_name: 'Jan', last_name: 'Kowalski', address_1: 'ul. Marszałkowska 10',
                    city: 'Warszawa', postal_code: '00-590', country_code: 'pl', phone: '+48500600700' };
  const { cart } = await call('POST', '/store/carts', {
    region_id: shop.region, sales_channel_id: shop.salesChannel, email,
    shipping_address: address, billing_address: address,
  }, { as: 'customer' });
  await call('POST', `/store/carts/${cart.id}/line-items`, { variant_id: shop.variant, quantity }, { as: 'customer' });
  await call('POST', `/store/carts/${cart.id}/shipping-methods`, { option_id: shop.courier }, { as: 'customer' });
  const { payment_collection: collection } = await call('POST', '/store/payment-collections',
                                                         { cart_id: cart.id }, { as: 'customer' });
  await call('POST', `/store/payment-collections/${collection.id}/payment-sessions`,
             { provider_id: 'pp_system_default' }, { as: 'customer' });
  const placed = await call('POST', `/store/carts/${cart.id}/complete`, undefined, { as: 'customer' });
  if (placed.type !== 'order') throw new Error(`the cart was not completed: ${JSON.stringify(placed).slice(0, 500)}`);
  const orderId = placed.order.id;

  const order = await readOrder({ call }, orderId);
  await call('POST', `/admin/payments/${order.payment_collections[0].payments[0].id}/capture`, {});
  const items = order.items.map((item) => ({ id: item.id, quantity: item.quantity }));
  const { order: fulfilled } = await call('POST', `/admin/orders/${orderId}/fulfillments?fields=id,*fulfillments`,
                                          { items, location_id: shop.warehouse });
  const fulfillment = fulfilled.fulfillments[0].id;
  await call('POST', `/admin/orders/${orderId}/fulfillments/${fulfillment}/shipments`,
             { items, labels: [{ tracking_number: 'PL0001', tracking_url: 'https://tracking.invalid/PL0001',
                                 label_url: 'https://tracking.invalid/PL0001.pdf' }] });
  await call('POST', `/admin/orders/${orderId}/fulfillments/${fulfillment}/mark-as-delivered`, {});
  return readOrder({ call }, orderId);
}

/** The order as Medusa's admin API gives it, with what the adapter and the checks read. */
export async function readOrder({ call }, orderId) {
  const { order } = await call('GET', `/admin/orders/${orderId}?fields=${encodeURIComponent(ORDER_FIELDS)}`);
  return order;
}
